using System.Globalization;
using Tern.Carbon.ElectricityMaps.Model;
using Tern.Carbon.Http;

namespace Tern.Carbon.ElectricityMaps.Client;

/// <summary>Electricity Maps v3 over HTTP: the token goes in the auth-token header.</summary>
internal sealed class ElectricityMapsClient : IElectricityMapsClient
{
    public const string TokenHeader = "auth-token";

    /// <summary>past-range returns at most 10 days (240 hourly points) per request.</summary>
    public static readonly TimeSpan MaxPastRange = TimeSpan.FromDays(10);

    private readonly ElectricityMapsConfiguration _configuration;
    private readonly ProviderHttp _http;

    public ElectricityMapsClient(ProviderContext context, ElectricityMapsConfiguration configuration)
    {
        _configuration = configuration;
        _http = new ProviderHttp(context, "Electricity Maps",
            (message, failure, status, inner) => new ElectricityMapsClientException(message, failure, status, inner));
    }

    public Task<HistoryResponse> GetHistoryAsync(ElectricityMapsLocation location, CancellationToken ct) =>
        GetAsync<HistoryResponse>("carbon-intensity/history", location, [], ct);

    public Task<PastRangeResponse> GetPastRangeAsync(ElectricityMapsLocation location, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        if (end - start > MaxPastRange)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "past-range serves at most 10 days per request; page longer ranges.");
        }
        return GetAsync<PastRangeResponse>("carbon-intensity/past-range", location, [("start", Format(start)), ("end", Format(end))], ct);
    }

    public Task<ForecastResponse> GetForecastAsync(ElectricityMapsLocation location, CancellationToken ct) =>
        GetAsync<ForecastResponse>("carbon-intensity/forecast", location, [], ct);

    private Task<T> GetAsync<T>(string path, ElectricityMapsLocation location, IEnumerable<(string, string)> extra, CancellationToken ct)
        where T : class
    {
        var query = Where(location).Concat(extra).Append(("emissionFactorType", _configuration.EmissionFactorType.ToString().ToLowerInvariant()));
        var parameters = string.Join('&', query.Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2)}"));
        var uri = new Uri($"{_configuration.Endpoint.TrimEnd('/')}/{path}?{parameters}");
        return _http.GetJsonAsync<T>(uri, request => request.Headers.Add(TokenHeader, _configuration.Token), ct);
    }

    private static IEnumerable<(string, string)> Where(ElectricityMapsLocation location)
    {
        if (location.Zone is { } zone)
        {
            return [("zone", zone)];
        }
        if (location.AwsRegion is { } region)
        {
            return [("dataCenterProvider", "aws"), ("dataCenterRegion", region)];
        }
        // Without this flag a failed coordinate lookup silently answers for the caller's IP address.
        return [("lat", location.Latitude!.Value.ToString("R", CultureInfo.InvariantCulture)),
                ("lon", location.Longitude!.Value.ToString("R", CultureInfo.InvariantCulture)),
                ("shouldUseFallbackCallerLookup", "false")];
    }

    // Strict ISO 8601 in UTC: the API rejects local offsets in some paths.
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

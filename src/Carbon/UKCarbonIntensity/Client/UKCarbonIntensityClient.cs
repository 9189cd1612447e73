using System.Globalization;
using Tern.Carbon.Http;
using Tern.Carbon.UKCarbonIntensity.Model;

namespace Tern.Carbon.UKCarbonIntensity.Client;

/// <summary>The UK Carbon Intensity API over HTTP.</summary>
internal sealed class UKCarbonIntensityClient : IUKCarbonIntensityClient
{
    /// <summary>The API refuses intensity ranges much beyond two weeks.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(14);

    private readonly string _endpoint;
    private readonly ProviderHttp _http;

    public UKCarbonIntensityClient(ProviderContext context, string endpoint)
    {
        _endpoint = endpoint.TrimEnd('/');
        _http = new ProviderHttp(context, "UK Carbon Intensity",
            (message, failure, status, inner) => new UKCarbonIntensityClientException(message, failure, status, inner));
    }

    public Task<IntensityResponse> GetIntensityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        _http.GetJsonAsync<IntensityResponse>(new Uri($"{_endpoint}/intensity/{Format(from)}/{Format(to)}"), null, ct);

    public Task<IntensityResponse> GetForecastAsync(DateTimeOffset from, CancellationToken ct) =>
        _http.GetJsonAsync<IntensityResponse>(new Uri($"{_endpoint}/intensity/{Format(from)}/fw48h"), null, ct);

    /// <summary>The API's own notation, 2018-01-20T12:00Z.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}

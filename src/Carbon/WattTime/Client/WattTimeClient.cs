using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Tern.Carbon.Http;
using Tern.Carbon.WattTime.Model;

namespace Tern.Carbon.WattTime.Client;

/// <summary>WattTime v3 over HTTP. /login with basic auth gives a bearer token (valid 30 minutes); a data call
/// answered 401 logs in again once, and a second 401 is reported, not retried, so a bad password cannot
/// turn into a stream of logins (WattTime allows 100 per 5 minutes).</summary>
internal sealed class WattTimeClient : IWattTimeClient
{
    /// <summary>The marginal operating emissions rate, the signal WattTime is known for.</summary>
    public const string SignalType = "co2_moer";

    /// <summary>WattTime answers at most 32 days of 5-minute points per historical request; 30 leaves a margin.</summary>
    public static readonly TimeSpan MaxHistoricalRange = TimeSpan.FromDays(30);

    private readonly WattTimeConfiguration _configuration;
    private readonly ProviderHttp _http;
    private readonly Redactor _redactor;
    private readonly Lock _gate = new();
    private Task<string>? _login;

    public WattTimeClient(ProviderContext context, WattTimeConfiguration configuration)
    {
        _configuration = configuration;
        _redactor = context.Redactor;
        _http = new ProviderHttp(context, "WattTime",
            (message, failure, status, inner) => new WattTimeClientException(message, failure, status, inner));
    }

    public Task<SignalResponse> GetHistoricalAsync(string region, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        GetAsync<SignalResponse>("v3/historical",
            [("region", region), ("start", Format(start)), ("end", Format(end)), ("signal_type", SignalType)], ct);

    public Task<SignalResponse> GetForecastAsync(string region, CancellationToken ct) =>
        GetAsync<SignalResponse>("v3/forecast", [("region", region), ("signal_type", SignalType), ("horizon_hours", "24")], ct);

    public Task<RegionFromLocResponse> GetRegionFromLocationAsync(double latitude, double longitude, CancellationToken ct) =>
        GetAsync<RegionFromLocResponse>("v3/region-from-loc",
            [
                ("latitude", latitude.ToString("R", CultureInfo.InvariantCulture)),
                ("longitude", longitude.ToString("R", CultureInfo.InvariantCulture)),
                ("signal_type", SignalType),
            ], ct);

    private async Task<T> GetAsync<T>(string path, IEnumerable<(string Name, string Value)> query, CancellationToken ct) where T : class
    {
        var parameters = string.Join('&', query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
        var uri = new Uri($"{_configuration.Endpoint.TrimEnd('/')}/{path}?{parameters}");
        var login = LoginAsync(null, ct);
        var token = await login.ConfigureAwait(false);
        try
        {
            return await _http.GetJsonAsync<T>(uri, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token), ct)
                .ConfigureAwait(false);
        }
        catch (WattTimeClientException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            // The token expired (they last 30 minutes): log in once more and try once more.
            var fresh = await LoginAsync(login, ct).ConfigureAwait(false);
            return await _http.GetJsonAsync<T>(uri, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh), ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The login every concurrent zone fetch shares; a new one only when <paramref name="expired"/> is the current
    /// one. A failed login is not repeated by each zone: it fails them all, and the next refresh tries again.</summary>
    private Task<string> LoginAsync(Task<string>? expired, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_login is null || _login == expired)
            {
                _login = LoginOnceAsync(ct);
            }
            return _login;
        }
    }

    private async Task<string> LoginOnceAsync(CancellationToken ct)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_configuration.Username}:{_configuration.Password}"));
        _redactor.Add(basic);
        var login = await _http.GetJsonAsync<LoginResponse>(new Uri($"{_configuration.Endpoint.TrimEnd('/')}/login"),
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic), ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(login.Token))
        {
            throw _http.Error("WattTime /login answered without a token.", CarbonFailure.InvalidResponse);
        }
        _redactor.Add(login.Token);
        return login.Token;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Net.Http.Headers;
using Tern.Carbon.Http;
using Tern.Carbon.Prometheus.Model;

namespace Tern.Carbon.Prometheus.Client;

/// <summary>Prometheus over HTTP, with an optional bearer token (for a server behind an auth proxy).</summary>
internal sealed class PrometheusClient : IPrometheusClient
{
    /// <summary>Prometheus refuses range queries of more than 11,000 points per series.</summary>
    public const int MaxPoints = 10_000;

    private readonly string _endpoint;
    private readonly string? _token;
    private readonly ProviderHttp _http;

    public PrometheusClient(HttpClient http, string endpoint, string? token, RetryOptions retry, TimeProvider time)
    {
        _endpoint = endpoint.TrimEnd('/');
        _token = token;
        _http = new ProviderHttp(http, retry, time, "Prometheus",
            (message, failure, status, inner) => new PrometheusClientException(message, failure, status, inner));
    }

    public async Task<QueryRangeResponse> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{_endpoint}/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={(long)step.TotalSeconds}s"));
        var response = await _http.GetJsonAsync<QueryRangeResponse>(uri,
            _token is null ? null : r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token), ct).ConfigureAwait(false);
        if (response.Status != "success")
        {
            throw _http.Error($"Prometheus query '{query}' failed: {response.ErrorType ?? response.Status ?? "no status"}: {response.Error}", CarbonFailure.BadRequest);
        }
        return response;
    }
}

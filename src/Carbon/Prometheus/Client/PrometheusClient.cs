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

    /// <summary>The errorType values the HTTP API documents.</summary>
    private static readonly HashSet<string> ErrorTypes =
        new(["bad_data", "timeout", "canceled", "execution", "internal", "unavailable", "not_found", "not_acceptable"], StringComparer.Ordinal);

    private readonly string _endpoint;
    private readonly string? _token;
    private readonly ProviderHttp _http;

    public PrometheusClient(ProviderContext context, string endpoint, string? token)
    {
        _endpoint = endpoint.TrimEnd('/');
        _token = token;
        _http = new ProviderHttp(context, "Prometheus",
            (message, failure, status, inner) => new PrometheusClientException(message, failure, status, inner));
    }

    public async Task<QueryRangeResponse> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{_endpoint}/api/v1/query_range?query={Uri.EscapeDataString(query)}"
            + $"&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={(long)step.TotalSeconds}s"));
        var response = await _http.GetJsonAsync<QueryRangeResponse>(uri,
            _token is null ? null : r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token), ct).ConfigureAwait(false);
        if (response.Status != "success")
        {
            // The explanation is the server's own text, so it goes to the debug log; the documented error type is safe to show.
            _http.LogDetail($"query '{query}' answered {response.Status}: {response.ErrorType}: {response.Error}");
            var type = response.ErrorType is { } t && ErrorTypes.Contains(t) ? $" ({t})" : "";
            throw _http.Error($"Prometheus did not run the query '{query}'{type}; check it in the Prometheus UI "
                + "(the server's explanation is in the debug log).",
                CarbonFailure.BadRequest);
        }
        return response;
    }
}

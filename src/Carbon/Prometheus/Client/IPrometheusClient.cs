using Tern.Carbon.Prometheus.Model;

namespace Tern.Carbon.Prometheus.Client;

/// <summary>The Prometheus HTTP API's range query.</summary>
internal interface IPrometheusClient
{
    /// <summary>/api/v1/query_range; at most <see cref="PrometheusClient.MaxPoints"/> steps per call.</summary>
    Task<QueryRangeResponse> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct);
}

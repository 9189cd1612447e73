using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Carbon.Prometheus.Model;

/// <summary>The envelope of /api/v1/query_range: status success with a matrix, or status error with a message.</summary>
internal sealed record QueryRangeResponse
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("data")]
    public QueryRangeData? Data { get; init; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The result of a range query.</summary>
internal sealed record QueryRangeData
{
    [JsonPropertyName("resultType")]
    public string? ResultType { get; init; }

    [JsonPropertyName("result")]
    public IReadOnlyList<MatrixSeries>? Result { get; init; }
}

/// <summary>One series: its labels and [unix seconds, "value"] pairs (Prometheus writes values as strings, NaN included).</summary>
internal sealed record MatrixSeries
{
    [JsonPropertyName("metric")]
    public IReadOnlyDictionary<string, string>? Metric { get; init; }

    [JsonPropertyName("values")]
    public IReadOnlyList<JsonElement[]>? Values { get; init; }
}

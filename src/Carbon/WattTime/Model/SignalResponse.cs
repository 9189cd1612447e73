using System.Text.Json.Serialization;

namespace Tern.Carbon.WattTime.Model;

/// <summary>The body of /v3/historical and /v3/forecast: 5-minute points and their units.</summary>
internal sealed record SignalResponse
{
    [JsonPropertyName("data")]
    public IReadOnlyList<SignalPoint>? Data { get; init; }

    [JsonPropertyName("meta")]
    public SignalMeta? Meta { get; init; }
}

/// <summary>One point; the value is in <see cref="SignalMeta.Units"/>, usually lbs_co2_per_mwh.</summary>
internal sealed record SignalPoint
{
    [JsonPropertyName("point_time")]
    public DateTimeOffset PointTime { get; init; }

    [JsonPropertyName("value")]
    public double? Value { get; init; }
}

/// <summary>What the points are.</summary>
internal sealed record SignalMeta
{
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("signal_type")]
    public string? SignalType { get; init; }

    [JsonPropertyName("data_point_period_seconds")]
    public int? DataPointPeriodSeconds { get; init; }

    [JsonPropertyName("units")]
    public string? Units { get; init; }

    [JsonPropertyName("generated_at")]
    public DateTimeOffset? GeneratedAt { get; init; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<SignalWarning>? Warnings { get; init; }
}

/// <summary>A warning WattTime attaches to a response.</summary>
internal sealed record SignalWarning
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

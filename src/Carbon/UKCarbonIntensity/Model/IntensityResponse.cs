using System.Text.Json.Serialization;

namespace Tern.Carbon.UKCarbonIntensity.Model;

/// <summary>The body of /intensity/{from}/{to} and /intensity/{from}/fw48h: half-hour periods, gCO2/kWh.</summary>
internal sealed record IntensityResponse
{
    [JsonPropertyName("data")]
    public IReadOnlyList<IntensityPeriod>? Data { get; init; }
}

/// <summary>One half hour. The API writes times as 2018-01-20T12:00Z.</summary>
internal sealed record IntensityPeriod
{
    [JsonPropertyName("from")]
    public string? From { get; init; }

    [JsonPropertyName("to")]
    public string? To { get; init; }

    [JsonPropertyName("intensity")]
    public Intensity? Intensity { get; init; }
}

/// <summary>The forecast and, once measured, the actual intensity (null until then).</summary>
public sealed record Intensity
{
    [JsonPropertyName("forecast")]
    public double? Forecast { get; init; }

    [JsonPropertyName("actual")]
    public double? Actual { get; init; }

    [JsonPropertyName("index")]
    public string? Index { get; init; }
}

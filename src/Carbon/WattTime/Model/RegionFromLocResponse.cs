using System.Text.Json.Serialization;

namespace Tern.Carbon.WattTime.Model;

/// <summary>The body of /v3/region-from-loc.</summary>
internal sealed record RegionFromLocResponse
{
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("region_full_name")]
    public string? RegionFullName { get; init; }

    [JsonPropertyName("signal_type")]
    public string? SignalType { get; init; }
}

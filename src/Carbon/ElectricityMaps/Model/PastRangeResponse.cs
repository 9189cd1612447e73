using System.Text.Json.Serialization;

namespace Tern.Carbon.ElectricityMaps.Model;

/// <summary>The body of carbon-intensity/past-range: at most 10 days of hourly points.</summary>
internal sealed record PastRangeResponse
{
    [JsonPropertyName("zone")]
    public string? Zone { get; init; }

    [JsonPropertyName("data")]
    public IReadOnlyList<CarbonIntensityPoint>? Data { get; init; }
}

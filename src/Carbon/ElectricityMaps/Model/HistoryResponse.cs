using System.Text.Json.Serialization;

namespace Tern.Carbon.ElectricityMaps.Model;

/// <summary>The body of carbon-intensity/history: the last 24 hours.</summary>
internal sealed record HistoryResponse
{
    [JsonPropertyName("zone")]
    public string? Zone { get; init; }

    [JsonPropertyName("history")]
    public IReadOnlyList<CarbonIntensityPoint>? History { get; init; }
}

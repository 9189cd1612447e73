using System.Text.Json.Serialization;

namespace Tern.Carbon.ElectricityMaps.Model;

/// <summary>The body of carbon-intensity/forecast (paid plans).</summary>
internal sealed record ForecastResponse
{
    [JsonPropertyName("zone")]
    public string? Zone { get; init; }

    [JsonPropertyName("forecast")]
    public IReadOnlyList<CarbonIntensityPoint>? Forecast { get; init; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

using System.Text.Json.Serialization;

namespace Tern.Carbon.ElectricityMaps.Model;

/// <summary>One point of carbon-intensity/history, past-range or forecast, in gCO2eq/kWh (average signal).</summary>
internal sealed record CarbonIntensityPoint
{
    [JsonPropertyName("zone")]
    public string? Zone { get; init; }

    /// <summary>Null where Electricity Maps has a gap.</summary>
    [JsonPropertyName("carbonIntensity")]
    public double? CarbonIntensity { get; init; }

    /// <summary>Start of the hour (or finer period) the value covers.</summary>
    [JsonPropertyName("datetime")]
    public DateTimeOffset Datetime { get; init; }

    [JsonPropertyName("emissionFactorType")]
    public string? EmissionFactorType { get; init; }

    [JsonPropertyName("isEstimated")]
    public bool? IsEstimated { get; init; }

    [JsonPropertyName("estimationMethod")]
    public string? EstimationMethod { get; init; }

    public static explicit operator CarbonReading(CarbonIntensityPoint point) => new(point.Datetime.ToUniversalTime(), point.CarbonIntensity);
}

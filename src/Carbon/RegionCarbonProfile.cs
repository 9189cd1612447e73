namespace Tern.Carbon;

/// <summary>The carbon intensity of one AWS region's grid over a snapshot's history window, or why there is none.</summary>
/// <param name="Region">AWS region code.</param>
/// <param name="Zone">Electricity Maps zone the region draws from.</param>
/// <param name="HourOfDayMeans">Mean gCO2e/kWh per UTC hour of the day (24 values); null when unavailable.</param>
/// <param name="Mean">Mean gCO2e/kWh over the whole window; null when unavailable.</param>
/// <param name="UnavailableReason">Why there are no values, for example "no carbon data for zone IT-NO"; null when available.</param>
public sealed record RegionCarbonProfile(string Region, string Zone, IReadOnlyList<double>? HourOfDayMeans, double? Mean, string? UnavailableReason)
{
    public bool IsAvailable => HourOfDayMeans is not null;
}

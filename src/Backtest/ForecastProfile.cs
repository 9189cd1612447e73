using Tern.Planning;
using Tern.Carbon;

namespace Tern.Backtest;

/// <summary>The carbon profile the planner sees at one re-plan instant of a backtest: a forecast per region made
/// from the hours before the instant, or why the region is out for this period (a gap too long to interpolate).</summary>
public sealed class ForecastProfile(string description, IReadOnlyDictionary<string, RegionCarbonProfile> regions) : ICarbonProfile
{
    public string Description => description;

    public RegionCarbonProfile? Find(string region) => regions.GetValueOrDefault(region);

    /// <summary>A region with these 24 hour-of-day values.</summary>
    public static RegionCarbonProfile Available(string region, string zone, double[] hourOfDay) =>
        new(region, zone, hourOfDay, hourOfDay.Average(), null);

    /// <summary>A region the planner must leave out, with the reason it will note.</summary>
    public static RegionCarbonProfile Unavailable(string region, string zone, string reason) => new(region, zone, null, null, reason);
}

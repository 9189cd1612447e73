namespace Tern.Carbon;

/// <summary>Grid carbon intensity per region as the planner consumes it: 24 hour-of-day values and a mean,
/// or the reason a region has none. The bundled static data and the live providers both produce one.</summary>
public interface ICarbonProfile
{
    /// <summary>Where the values come from, as one line for the plan's notes.</summary>
    string Description { get; }

    /// <summary>The region's carbon, or null for a region the profile does not know.</summary>
    RegionCarbonProfile? Find(string region);
}

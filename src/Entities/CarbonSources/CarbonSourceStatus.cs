using Tern.Entities.Conditions;
using Tern.Entities.Schema;

namespace Tern.Entities.CarbonSources;

/// <summary>The latest carbon snapshot and the health of the source.</summary>
public sealed record CarbonSourceStatus
{
    /// <summary>The metadata.generation of the spec this status describes.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>Ready (a usable snapshot exists) and Stale (refreshes have failed for three intervals).</summary>
    [ListMapKeys("type")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>Time of the last successful refresh.</summary>
    public DateTimeOffset? LastRefreshTime { get; init; }

    /// <summary>Readings rejected at the last refresh (negative, not a number, or above 2000 g/kWh).</summary>
    public long RejectedReadings { get; init; }

    /// <summary>The snapshot per region.</summary>
    [ListMapKeys("region")]
    public IReadOnlyList<RegionCarbon> Regions { get; init; } = [];
}

/// <summary>Condition types of a CarbonSource.</summary>
public static class CarbonSourceConditionTypes
{
    public const string Ready = "Ready";
    public const string Stale = "Stale";
}

/// <summary>Carbon intensity of one region.</summary>
public sealed record RegionCarbon
{
    /// <summary>AWS region.</summary>
    public required string Region { get; init; }

    /// <summary>Grid zone the region was resolved to.</summary>
    public required string Zone { get; init; }

    /// <summary>Average (share of all generation) or Marginal (the plant that answers extra load).</summary>
    public required SignalType Signal { get; init; }

    /// <summary>Emission factors of the values.</summary>
    public EmissionFactorType? EmissionFactorType { get; init; }

    /// <summary>Newest reading, in g CO2e/kWh.</summary>
    public double? LatestGramsPerKwh { get; init; }

    /// <summary>Time of the newest reading.</summary>
    public DateTimeOffset? LatestTime { get; init; }

    /// <summary>Intensity per hour of the day (UTC, index 0 = 00:00), in g CO2e/kWh.</summary>
    public IReadOnlyList<double> HourlyGramsPerKwh { get; init; } = [];

    /// <summary>Mean intensity over the history window, in g CO2e/kWh.</summary>
    public double? MeanGramsPerKwh { get; init; }

    /// <summary>True when this region's data has a gap longer than three hours, so it is not planned on.</summary>
    public bool Stale { get; init; }
}

/// <summary>Kind of carbon signal.</summary>
public enum SignalType
{
    Average,
    Marginal,
}

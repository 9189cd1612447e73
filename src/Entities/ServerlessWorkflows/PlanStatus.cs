using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>A multi-region plan: for each time key of the day, where every function instance runs.</summary>
public sealed record PlanStatus
{
    /// <summary>When the plan was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>After this time the plan is no longer used and the workflow is planned again.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The algorithm that produced the plan (for Auto, the one that actually ran).</summary>
    public required PlanningAlgorithm Algorithm { get; init; }

    /// <summary>One line for kubectl get, for example "FineGrained: us-west-2, ca-central-1".</summary>
    public required string Summary { get; init; }

    /// <summary>Expected carbon saved per invocation against the home placement, averaged over the day,
    /// for example "41.2%".</summary>
    public required string CarbonSavings { get; init; }

    /// <summary>Placement and estimates per time key, in order of start hour.</summary>
    public required IReadOnlyList<TimeKeyPlan> TimeKeys { get; init; }

    /// <summary>The carbon intensity of each candidate region the plan was made with; the workflow is planned again
    /// when the carbon source's values move materially away from these.</summary>
    [ListMapKeys("region")]
    public IReadOnlyList<RegionHourlyCarbon> PlannedWithCarbon { get; init; } = [];
}

/// <summary>A plan made for a spec generation whose copies are still being deployed.</summary>
public sealed record PendingPlan
{
    /// <summary>The metadata.generation of the spec the plan was made for; a plan for an older spec is dropped.</summary>
    public required long Generation { get; init; }

    /// <summary>Why the workflow was planned, for example "the plan expired".</summary>
    public required string Reason { get; init; }

    /// <summary>The plan that is published once every copy it routes to is Active.</summary>
    public required PlanStatus Plan { get; init; }
}

/// <summary>The mean carbon intensity of one region's grid at each hour of the day (UTC), in gCO2e/kWh.</summary>
public sealed record RegionHourlyCarbon
{
    /// <summary>AWS region code.</summary>
    public required string Region { get; init; }

    /// <summary>24 values, one per UTC hour of the day, in gCO2e/kWh.</summary>
    public required IReadOnlyList<double> GramsPerKwh { get; init; }
}

/// <summary>The placement for one time key (a span of hours of the day, in UTC).</summary>
public sealed record TimeKeyPlan
{
    /// <summary>First hour of the day (UTC, 0 to 23) this placement applies to.</summary>
    public required int StartHour { get; init; }

    /// <summary>Region per function instance. A function called more than once has one instance per
    /// call, named function#1, function#2, and so on; a join has one instance.</summary>
    public required IReadOnlyDictionary<string, string> Placement { get; init; }

    /// <summary>Estimates for this placement.</summary>
    public required Estimates Estimates { get; init; }

    /// <summary>Estimates for running everything in the home region at the same time.</summary>
    public required Estimates Home { get; init; }

    /// <summary>Why this placement is the home placement although others exist, when that is the case.</summary>
    public string? Reason { get; init; }
}

/// <summary>Expected figures per workflow invocation.</summary>
public sealed record Estimates
{
    /// <summary>Mean end-to-end run time, in seconds.</summary>
    public required double RuntimeMeanSeconds { get; init; }

    /// <summary>95th percentile of the end-to-end run time, in seconds.</summary>
    public required double RuntimeP95Seconds { get; init; }

    /// <summary>Expected cost, in US dollars.</summary>
    public required double CostUsd { get; init; }

    /// <summary>Expected carbon, in grams CO2e.</summary>
    public required double CarbonGrams { get; init; }
}

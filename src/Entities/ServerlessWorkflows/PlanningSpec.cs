using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>How and when Tern plans a workflow.</summary>
public sealed record PlanningSpec
{
    /// <summary>Planning algorithm. Auto runs the exact search when it is affordable and the heuristic otherwise.</summary>
    [DefaultValue(PlanningAlgorithm.Auto)]
    public PlanningAlgorithm Algorithm { get; init; } = PlanningAlgorithm.Auto;

    /// <summary>Invocations that must be recorded since the last plan before Tern plans again.</summary>
    [DefaultValue(100)]
    [Range(0, int.MaxValue)]
    public int MinInvocations { get; init; } = 100;

    /// <summary>Shortest time between two plans, as a duration such as 30m, 6h or 1d.</summary>
    [DefaultValue("24h")]
    [MaxLength(32)]
    public string ReplanInterval { get; init; } = "24h";

    /// <summary>Number of placements per day (1, 2, 3, 4, 6, 8, 12 or 24): 24 re-places functions every hour.</summary>
    [DefaultValue(24)]
    [AllowedValues(1, 2, 3, 4, 6, 8, 12, 24)]
    public int TimeKeysPerDay { get; init; } = 24;
}

/// <summary>A planning algorithm.</summary>
public enum PlanningAlgorithm
{
    /// <summary>Exact when affordable, heuristic otherwise.</summary>
    Auto,
    /// <summary>The whole workflow in one region.</summary>
    CoarseGrained,
    /// <summary>Each function in its own best region, by exact search.</summary>
    FineGrained,
    /// <summary>Each function in its own region, by local search; for large workflows.</summary>
    Heuristic,
}

using Tern.Solvers.Evaluation;
using Tern.Solvers.Time;

namespace Tern.Solvers.Plans;

/// <summary>How to plan.</summary>
public sealed record PlannerOptions
{
    /// <summary>The algorithm to run; the one asked for is always the one used.</summary>
    public AlgorithmChoice Algorithm { get; init; } = AlgorithmChoice.Auto;

    /// <summary>Placements per day: 1, 2, 3, 4, 6, 8, 12 or 24.</summary>
    public int TimeKeysPerDay { get; init; } = 24;

    /// <summary>The hours of the day the plan will be used for; only the time keys that overlap them are planned.
    /// Null (the default) plans the whole day. A plan that will be replaced within the hour needs only that hour's key.</summary>
    public HourWindow? PlannedHours { get; init; }

    /// <summary>Monte Carlo options, including the seed.</summary>
    public EvaluatorOptions Evaluation { get; init; } = new();

    /// <summary>How long a plan applies.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Largest search space Auto searches exactly when ranking needs only exact cost and carbon.</summary>
    public double AutoExactLimit { get; init; } = 1e6;

    /// <summary>Largest search space Auto searches exactly when ranking needs Monte Carlo run times.</summary>
    public double AutoExactLimitWithSimulation { get; init; } = 2e4;

    /// <summary>Time allowed per time key before a search stops with the best it has.</summary>
    public TimeSpan DeadlinePerKey { get; init; } = TimeSpan.FromSeconds(60);
}

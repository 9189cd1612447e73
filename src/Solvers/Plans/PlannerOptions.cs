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

    /// <summary>Partial placements Auto's branch and bound may expand per time key before the heuristic takes over.</summary>
    public long AutoNodeBudget { get; init; } = 20_000;

    /// <summary>Function runs Auto's branch and bound may simulate per time key (Monte Carlo evaluations × samples ×
    /// instances) before the heuristic takes over; spent only when ranking needs run times.</summary>
    public double AutoSimulatedRunBudget { get; init; } = 2e7;

    /// <summary>Time allowed per time key before a search stops with the best it has: a safety net, since a plan
    /// stopped by the clock depends on the machine's speed, unlike one stopped by a budget.</summary>
    public TimeSpan DeadlinePerKey { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time keys planned at once; by default one per processor. Plans do not depend on it.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}

using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest.Forecasts;
using Tern.Solvers.Plans;

namespace Tern.Backtest;

/// <summary>What to replay: the window, the regions, how often and on what forecast to re-plan, under which
/// constraints and how many invocations arrive per UTC hour of the day.</summary>
public sealed record BacktestRequest
{
    /// <summary>First hour of the window (UTC midnight).</summary>
    public required DateTime From { get; init; }

    /// <summary>End of the window, exclusive (UTC midnight after the last day).</summary>
    public required DateTime To { get; init; }

    /// <summary>Home region replacing spec.homeRegion, or null to keep it.</summary>
    public string? Home { get; init; }

    /// <summary>Candidate regions besides home replacing spec.regions, or null to keep them.</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Time between re-plans; a whole number of hours.</summary>
    public TimeSpan Replan { get; init; } = TimeSpan.FromDays(1);

    public IForecaster Forecast { get; init; } = new TrailingMeanForecaster(7);

    /// <summary>Constraints replacing spec.constraints, or null to keep the workflow's own.</summary>
    public ConstraintsSpec? Constraints { get; init; }

    /// <summary>How the constraints were chosen, for the report (for example runtime-5pct).</summary>
    public string ConstraintsName { get; init; } = "spec";

    /// <summary>Invocations per UTC hour of the day (24 values).</summary>
    public IReadOnlyList<double> InvocationsPerHour { get; init; } = [.. Enumerable.Repeat(100.0, 24)];

    /// <summary>Placements per day the planner makes (24 unless a test wants speed).</summary>
    public int TimeKeysPerDay { get; init; } = 24;

    public AlgorithmChoice Algorithm { get; init; } = AlgorithmChoice.Auto;

    public int Seed { get; init; } = 1;

    /// <summary>Replay an earlier year's same dates for a zone without data in the window's year.</summary>
    public bool ShiftMissingYears { get; init; } = true;

    /// <summary>Hours per re-plan period.</summary>
    public int ReplanHours => (int)Replan.TotalHours;
}

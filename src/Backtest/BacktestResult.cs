using Tern.Solvers.Plans;

namespace Tern.Backtest;

/// <summary>What kind of strategy a row of the results is.</summary>
public enum StrategyKind
{
    /// <summary>Re-planned on a forecast made from past data only.</summary>
    Forecast,
    /// <summary>Every function at home, always.</summary>
    Home,
    /// <summary>The whole workflow (pinned stages at home) in the one region where it would really have emitted least over
    /// the window, chosen once with hindsight among placements that keep the hard bounds.</summary>
    BestSingleRegion,
    /// <summary>Re-planned daily on the actual intensities of each hour: perfect knowledge.</summary>
    Oracle,
}

/// <summary>How one strategy fared, hour by hour over the window, charged at the actual intensity of each hour.</summary>
public sealed record StrategyResult
{
    public required string Name { get; init; }

    public required StrategyKind Kind { get; init; }

    /// <summary>Realised gCO2e of all invocations of each hour.</summary>
    public required double[] CarbonGrams { get; init; }

    /// <summary>Realised USD of all invocations of each hour.</summary>
    public required double[] CostUsd { get; init; }

    /// <summary>95th percentile of the end-to-end run time of the placement used in each hour, s.</summary>
    public required double[] RuntimeP95Seconds { get; init; }

    /// <summary>Region index (into <see cref="BacktestResult.Regions"/>) per instance, per hour.</summary>
    public required int[][] Placement { get; init; }

    /// <summary>gCO2e of each hour drawn from each region's grid, [hour][region].</summary>
    public required double[][] CarbonByRegion { get; init; }

    public double TotalCarbonGrams => CarbonGrams.Sum();

    public double TotalCostUsd => CostUsd.Sum();
}

/// <summary>One re-plan of the forecast strategy: when, which regions were left out and the plan made.</summary>
public sealed record PeriodPlan(DateTime Start, DateTime End, IReadOnlyList<string> Dropped, Plan? Plan);

/// <summary>Everything a backtest produced: the actual intensities, each strategy's hourly figures, and notes.</summary>
public sealed record BacktestResult
{
    public required string Workflow { get; init; }

    public required BacktestRequest Request { get; init; }

    /// <summary>Region codes; index 0 is home.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Instance names (a function called from several places is several instances).</summary>
    public required IReadOnlyList<string> Instances { get; init; }

    /// <summary>The function each instance runs.</summary>
    public required IReadOnlyList<string> InstanceFunctions { get; init; }

    public required DateTime WindowStart { get; init; }

    public required int Hours { get; init; }

    /// <summary>Actual gCO2e/kWh, [region][hour of the window]; NaN inside a long gap.</summary>
    public required double[][] ActualGramsPerKwh { get; init; }

    /// <summary>Invocations charged in each hour of the window.</summary>
    public required double[] Invocations { get; init; }

    /// <summary>The forecast strategy first, then home, best single region and oracle.</summary>
    public required IReadOnlyList<StrategyResult> Strategies { get; init; }

    /// <summary>The forecast strategy's re-plans.</summary>
    public required IReadOnlyList<PeriodPlan> Periods { get; init; }

    /// <summary>What was assumed, shifted, interpolated or dropped.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public StrategyResult Home => Strategies.First(s => s.Kind == StrategyKind.Home);

    public StrategyResult Of(StrategyKind kind) => Strategies.First(s => s.Kind == kind);

    /// <summary>Carbon saved against home, percent (0 when home emitted nothing).</summary>
    public double CarbonSavedPercent(StrategyResult strategy) => Saved(Home.TotalCarbonGrams, strategy.TotalCarbonGrams);

    /// <summary>Cost saved against home, percent (negative when dearer).</summary>
    public double CostSavedPercent(StrategyResult strategy) => Saved(Home.TotalCostUsd, strategy.TotalCostUsd);

    public DateTime HourAt(int hour) => WindowStart.AddHours(hour);

    internal static double Saved(double home, double value) => home == 0 ? 0 : 100 * (home - value) / home;
}

using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>How many invocations a plan's figures are scaled by, per UTC hour of the day, and where that rate comes
/// from (recorded by the operator, or assumed and said so).</summary>
/// <param name="PerHourOfDay">Invocations in each UTC hour of the day (24 values).</param>
/// <param name="Source">How the rate was obtained, for the reader (for example "assumed; set --invocations").</param>
public sealed record InvocationRate(IReadOnlyList<double> PerHourOfDay, string Source)
{
    /// <summary>Invocations in a 30-day month.</summary>
    public double PerMonth => PerHourOfDay.Sum() * PlanSummary.DaysPerMonth;
}

/// <summary>Carbon, cost and run time of a placement over the day.</summary>
/// <param name="CarbonGrams">Per invocation, weighted by the invocations of each hour.</param>
/// <param name="CostUsd">Per invocation, weighted the same way.</param>
/// <param name="RuntimeP95Seconds">The highest 95th percentile of any time key: the tail the day's worst hours see.</param>
public sealed record DayFigures(double CarbonGrams, double CostUsd, double RuntimeP95Seconds);

/// <summary>The answer a plan gives, in the terms its reader decides on: where each function runs when (hours with the
/// same placement merged), and carbon, cost and 95th-percentile run time against the home placement, per invocation
/// and per month at an invocation rate.</summary>
public sealed record PlanSummary
{
    /// <summary>The month the monthly figures are for.</summary>
    public const int DaysPerMonth = 30;

    /// <summary>The planned placement's figures.</summary>
    public required DayFigures Plan { get; init; }

    /// <summary>The home placement's figures.</summary>
    public required DayFigures Home { get; init; }

    /// <summary>The rate the monthly figures use.</summary>
    public required InvocationRate Rate { get; init; }

    /// <summary>Runs of consecutive time keys with the same placement, in hour order.</summary>
    public required IReadOnlyList<PlacementSpan> Spans { get; init; }

    public double CarbonSavedPercent => Saved(Home.CarbonGrams, Plan.CarbonGrams);

    public double CostChangePercent => Change(Home.CostUsd, Plan.CostUsd);

    public double RuntimeP95ChangePercent => Change(Home.RuntimeP95Seconds, Plan.RuntimeP95Seconds);

    public static PlanSummary Of(Plan plan, InvocationRate rate)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rate);
        if (rate.PerHourOfDay.Count != 24)
        {
            throw new ArgumentException("An invocation rate has one value per UTC hour of the day.", nameof(rate));
        }
        return new PlanSummary
        {
            Plan = Figures(plan, rate, k => k.Estimate),
            Home = Figures(plan, rate, k => k.Home),
            Rate = rate,
            Spans = SpansOf(plan),
        };
    }

    private static DayFigures Figures(Plan plan, InvocationRate rate, Func<TimeKeyPlan, Solvers.Evaluation.Estimate> figures)
    {
        double carbon = 0, cost = 0, invocations = 0;
        foreach (var key in plan.TimeKeys)
        {
            for (var h = key.StartHour; h < key.StartHour + key.Hours; h++)
            {
                // With no invocations at all, every hour counts the same, so the per-invocation figures stay defined.
                var weight = rate.PerHourOfDay.Sum() == 0 ? 1 : rate.PerHourOfDay[h % 24];
                carbon += weight * figures(key).CarbonGrams;
                cost += weight * figures(key).CostUsd;
                invocations += weight;
            }
        }
        return new DayFigures(carbon / invocations, cost / invocations, plan.TimeKeys.Max(k => figures(k).RuntimeP95Seconds));
    }

    /// <summary>How the planner begins the reason of a key that keeps home because nothing else keeps the hard bounds.</summary>
    public const string NoFeasiblePlacement = "no placement keeps the hard constraints";

    // The planner's reason joins why the key kept home (for the reader) and how the search went (for tuning) with
    // "; "; only the first belongs beside the placement.
    private static string? WhyHome(TimeKeyPlan key) =>
        key.IsHome && key.Reason is { } reason && reason.StartsWith(NoFeasiblePlacement, StringComparison.Ordinal)
            ? reason.Split("; ")[0]
            : null;

    private static List<PlacementSpan> SpansOf(Plan plan)
    {
        var spans = new List<PlacementSpan>();
        foreach (var key in plan.TimeKeys)
        {
            var regions = key.Placement.Select(r => plan.Regions[r]).ToList();
            var reason = WhyHome(key);
            if (spans.Count > 0 && spans[^1].Regions.SequenceEqual(regions, StringComparer.Ordinal) && spans[^1].Reason == reason)
            {
                spans[^1] = spans[^1] with { Hours = spans[^1].Hours + key.Hours };
            }
            else
            {
                spans.Add(new PlacementSpan(key.StartHour, key.Hours, regions, reason));
            }
        }
        return spans;
    }

    private static double Saved(double home, double plan) => home == 0 ? 0 : 100 * (home - plan) / home;

    private static double Change(double home, double plan) => home == 0 ? 0 : 100 * (plan - home) / home;
}

/// <summary>Consecutive UTC hours with one placement.</summary>
/// <param name="StartHour">First UTC hour.</param>
/// <param name="Hours">How many hours.</param>
/// <param name="Regions">Region code per instance, in the plan's instance order.</param>
/// <param name="Reason">Why home was kept when nothing else keeps the hard constraints, or null.</param>
public sealed record PlacementSpan(int StartHour, int Hours, IReadOnlyList<string> Regions, string? Reason)
{
    /// <summary>"00-06" style, UTC; the last span of the day ends at 24.</summary>
    public string Label => $"{StartHour:00}-{StartHour + Hours:00}";
}

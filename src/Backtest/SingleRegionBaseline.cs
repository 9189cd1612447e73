using System.Globalization;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Backtest;

/// <summary>The "best single region" baseline: the static placement an operator could have chosen with hindsight,
/// judged by the workflow's own realised carbon, not by the grid's mean. For each region with data every hour, the
/// whole workflow moves there except the functions whose pins leave it out, which stay at home (home is allowed for
/// every function); placements that break the hard run-time or cost bound are left out; of the rest the one that would
/// really have emitted least over the window wins (then the cheaper).</summary>
internal static class SingleRegionBaseline
{
    public sealed record Choice(int Region, int[] Placement, Estimate Estimate, StrategyResult Charged, string Note);

    public static Choice Choose(PlanningProblem problem, PlacementEvaluator evaluator, Estimate home, ActualCarbon actual,
        IReadOnlyList<string> codes,
        (int From, int Hours) window, Func<int[], Estimate, StrategyResult> charge)
    {
        var candidates = new List<Choice>();
        var excluded = new List<string>();
        for (var r = 0; r < codes.Count; r++)
        {
            if (!actual[codes[r]].Covers(window.From, window.From + window.Hours))
            {
                excluded.Add($"{codes[r]} (a gap in its data)");
                continue;
            }
            var placement = problem.Instances.Select(i => i.AllowedRegions.Contains(r) ? r : problem.HomeRegion).ToArray();
            var estimate = r == problem.HomeRegion ? home : evaluator.EvaluatePrecisely(placement);
            if (Breaks(problem.Constraints, estimate, home) is { } broken)
            {
                excluded.Add($"{codes[r]} ({broken})");
                continue;
            }
            var pinned = problem.Instances.Where((i, k) => placement[k] != r).Select(i => i.Name).ToList();
            candidates.Add(new Choice(r, placement, estimate, charge(placement, estimate), pinned.Count == 0 ? ""
                : $"; {string.Join(", ", pinned)} stay{(pinned.Count == 1 ? "s" : "")} in {codes[problem.HomeRegion]}, pinned out of {codes[r]}"));
        }
        var best = candidates.OrderBy(c => c.Charged.TotalCarbonGrams).ThenBy(c => c.Charged.TotalCostUsd).First();
        var leftOut = excluded.Count > 0 ? $"; left out: {string.Join(", ", excluded)}" : "";
        var note = string.Create(CultureInfo.InvariantCulture,
            $"best single region: {codes[best.Region]}{best.Note}, the least realised carbon of this workflow over the window " +
            $"({best.Charged.TotalCarbonGrams / 1000:0.###} kg) among {string.Join(", ", candidates.Select(c => codes[c.Region]))}{leftOut}");
        return best with { Note = note };
    }

    // A carbon bound is per hour and the baseline is one placement for the whole window, so only cost and run time are
    // checked; both are the same in every hour.
    private static string? Breaks(ConstraintSet constraints, Estimate estimate, Estimate home)
    {
        if (constraints.Hard.TryGetValue(Metric.Runtime, out var runtime) && estimate.RuntimeP95Seconds > runtime.LimitFor(home.RuntimeP95Seconds))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"p95 run time {estimate.RuntimeP95Seconds:0.##} s breaks the hard bound of {runtime.LimitFor(home.RuntimeP95Seconds):0.##} s");
        }
        if (constraints.Hard.TryGetValue(Metric.Cost, out var cost) && estimate.CostP95Usd > cost.LimitFor(home.CostP95Usd))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"p95 cost {estimate.CostP95Usd:0.######} USD breaks the hard bound of {cost.LimitFor(home.CostP95Usd):0.######} USD");
        }
        return null;
    }
}

using Microsoft.Extensions.Time.Testing;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;
using Tern.Solvers.Tests.Support;

namespace Tern.Solvers.Tests.Evaluation;

/// <summary>Every candidate of a time key is simulated on the same draws. Region 1 is region 0's twin in everything
/// that makes run time and cost (same samples, prices, latencies), but cleaner: on common random numbers, placements
/// that differ only by twins get exactly the same run-time and cost figures; on draws of their own, they would differ
/// by sampling noise.</summary>
public class CommonRandomNumbersTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static PlanningProblem Twins(ConstraintSet? constraints = null)
    {
        IReadOnlyList<double> spread = [0.4, 0.7, 1.0, 1.6, 2.5, 4.0];
        var problem = TinyProblems.Problem(
            [
                TinyProblems.Instance("entry", 1024, spread, regions: 2),
                TinyProblems.Instance("left", 512, [.. spread.Select(s => 2 * s)], regions: 2),
                TinyProblems.Instance("right", 2048, [.. spread.Select(s => 0.5 * s)], regions: 2),
            ],
            [
                new EdgeModel { From = 0, To = 1, Probability = 0.7, PayloadGb = [1e-5, 2e-4] },
                new EdgeModel { From = 0, To = 2, Probability = 0.4, PayloadGb = [3e-5] },
            ],
            [TinyProblems.Region("dirty", 500), TinyProblems.Region("clean", 50)]);
        return problem with { Constraints = constraints ?? ConstraintSet.None };
    }

    private static (double, double, double, double) RuntimeAndCostFigures(Estimate e) =>
        (e.RuntimeMeanSeconds, e.RuntimeP95Seconds, e.RuntimeCiHalfWidthSeconds, e.CostP95Usd);

    [Fact]
    public void Placements_that_differ_only_by_twin_regions_get_the_same_run_time_and_cost_figures()
    {
        var evaluator = new EvaluationContext(Twins(), new EvaluatorOptions { MaxSamples = 2048 }).ForTimeKey(0, 1);
        int[][] placements = [[0, 0, 0], [1, 1, 1], [0, 1, 0], [1, 0, 1], [0, 0, 1]];
        var home = evaluator.Evaluate(placements[0]);
        foreach (var placement in placements.Skip(1))
        {
            var other = evaluator.Evaluate(placement);
            Assert.Equal(RuntimeAndCostFigures(home), RuntimeAndCostFigures(other));
            Assert.Equal(RuntimeAndCostFigures(home), RuntimeAndCostFigures(evaluator.Screen(placement)));
            Assert.True(other.CarbonGrams < home.CarbonGrams);
        }
        // However often and in whatever order candidates are evaluated, each gets the same draws again.
        Assert.Equal(home, evaluator.Evaluate(placements[0]));
    }

    [Fact]
    public void A_run_time_bound_at_exactly_home_admits_the_cleaner_twin()
    {
        // p95 run time at most 100 % of home's: only common draws make the twin's p95 equal to home's rather than above
        // or below it by chance.
        var bounded = Twins(new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 100 } } });
        foreach (var algorithm in new[] { AlgorithmChoice.FineGrained, AlgorithmChoice.Heuristic, AlgorithmChoice.Auto })
        {
            var plan = Planner.Plan(bounded, new PlannerOptions { Algorithm = algorithm, TimeKeysPerDay = 4 }, Clock);
            Assert.All(plan.TimeKeys, k =>
            {
                Assert.Equal([1, 1, 1], k.Placement);
                Assert.Equal(k.Home.RuntimeP95Seconds, k.Estimate.RuntimeP95Seconds);
            });
        }
    }
}

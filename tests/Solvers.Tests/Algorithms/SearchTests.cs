using Tern.Solvers.Synthetic;
using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Tests.Support;

namespace Tern.Solvers.Tests.Algorithms;

public class SearchTests
{
    private static SearchSpace Space(PlanningProblem problem, int hour = 0)
    {
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions { MaxSamples = 1024 }).ForTimeKey(hour, 1);
        var home = evaluator.EvaluatePrecisely(evaluator.HomePlacement);
        return new SearchSpace(problem, evaluator, new Ranker(problem.Constraints, home));
    }

    public static TheoryData<int> Cases => [.. Enumerable.Range(1, 12)];

    private static ConstraintSet ConstraintsFor(int seed) => (seed % 4) switch
    {
        0 => ConstraintSet.None,
        1 => new ConstraintSet { Soft = new Dictionary<Metric, Bound> { [Metric.Cost] = new() { PercentOfHome = 101 } } },
        2 => new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 105 } } },
        _ => new ConstraintSet { Priority = [Metric.Cost, Metric.Carbon], Soft = new Dictionary<Metric,
            Bound> { [Metric.Carbon] = new() { PercentOfHome = 80 } } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fine_grained_finds_the_exhaustive_optimum(int seed)
    {
        var problem = SyntheticProblems.Create(seed, instances: 2 + seed % 4, regions: 3 + seed % 2, constraints: ConstraintsFor(seed));
        var exhaustive = Space(problem);
        Exhaustive.Search(exhaustive);
        var fine = Space(problem);
        var outcome = FineGrained.Search(fine);

        Assert.True(outcome.ProvenOptimal);
        Assert.Equal(exhaustive.Best?.Placement, fine.Best?.Placement);
        if (problem.Constraints.Hard.Count == 0)
        {
            Assert.True(fine.Evaluator.Evaluations < exhaustive.Evaluator.Evaluations || !fine.Ranker.NeedsSimulation);
        }
    }

    public static TheoryData<int> ManySeeds => [.. Enumerable.Range(1, 40)];

    // Every region's intensity within half a percent of every other's: placements differ by less than 1 %, so a bound
    // that is too high by that much prunes the optimum on most of these problems.
    private static PlanningProblem NearTies(int seed)
    {
        var problem = SyntheticProblems.Create(seed + 500, instances: 3 + seed % 4, regions: 3 + seed % 3, constraints: ConstraintsFor(seed));
        var random = new Random(seed);
        return problem with
        {
            Regions = [.. problem.Regions.Select(r => r with
            {
                HourlyGramsPerKwh = [.. r.HourlyGramsPerKwh.Select(_ => 300 * (1 + 0.005 * random.NextDouble()))],
            })],
        };
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Fine_grained_is_optimal_on_every_near_tie_problem(int seed)
    {
        var problem = NearTies(seed);
        var exhaustive = Space(problem);
        Exhaustive.Search(exhaustive);
        var fine = Space(problem);
        Assert.True(FineGrained.Search(fine).ProvenOptimal);
        Assert.Equal(exhaustive.Best?.Placement, fine.Best?.Placement);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void A_budget_that_suffices_finds_the_same_optimum_as_an_unlimited_search(int seed)
    {
        var problem = SyntheticProblems.Create(seed + 900, instances: 6 + seed % 6, regions: 4 + seed % 4);
        var unlimited = Space(problem);
        FineGrained.Search(unlimited);
        var budgeted = Space(problem);
        var outcome = FineGrained.Search(budgeted, new SearchBudget(20_000, double.PositiveInfinity), CancellationToken.None);
        Assert.True(outcome.ProvenOptimal, $"{outcome.Nodes} nodes");
        Assert.Equal(unlimited.Best!.Placement, budgeted.Best!.Placement);
    }

    [Fact]
    public void A_spent_budget_stops_the_search_deterministically_and_says_so()
    {
        var problem = SyntheticProblems.Create(61, instances: 40, regions: 12);
        SearchOutcome Run(out IReadOnlyList<int> best)
        {
            var space = Space(problem);
            var outcome = FineGrained.Search(space, new SearchBudget(300, double.PositiveInfinity), CancellationToken.None);
            best = space.Best!.Placement;
            return outcome;
        }
        var first = Run(out var a);
        var second = Run(out var b);
        Assert.True(first.OutOfBudget);
        Assert.False(first.ProvenOptimal);
        Assert.Equal(301, first.Nodes);
        Assert.Contains("exceeded its budget of 300 nodes", first.Remark, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(a, b);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_heuristic_lands_within_one_percent_of_the_optimum(int seed)
    {
        var problem = SyntheticProblems.Create(seed + 100, instances: 7, regions: 4);
        var exact = Space(problem);
        FineGrained.Search(exact);
        var heuristic = Space(problem);
        Heuristic.Search(heuristic, seed);
        var optimum = exact.Best!.Estimate.CarbonGrams;
        // The heuristic sums moves incrementally, so it may differ from the exact figure in the last bits.
        Assert.InRange(heuristic.Best!.Estimate.CarbonGrams, optimum * (1 - 1e-12), optimum * 1.01);
    }

    [Fact]
    public void Coarse_grained_keeps_every_instance_in_one_region()
    {
        var problem = SyntheticProblems.Create(21, instances: 5, regions: 4);
        var space = Space(problem);
        CoarseGrained.Search(space);
        Assert.Single(space.Best!.Placement.Distinct());
    }

    [Fact]
    public void Branch_and_bound_proves_the_optimum_while_visiting_a_small_part_of_the_space()
    {
        var problem = SyntheticProblems.Create(22, instances: 8, regions: 6);
        var exhaustive = Space(problem);
        Exhaustive.Search(exhaustive);
        var fine = Space(problem);
        FineGrained.Search(fine);
        Assert.Equal(exhaustive.Best!.Placement, fine.Best!.Placement);
        Assert.True(exhaustive.Offers > 100_000, $"the case is too small to show pruning ({exhaustive.Offers} placements)");
        Assert.True(fine.Offers * 100 < exhaustive.Offers, $"branch and bound offered {fine.Offers} of {exhaustive.Offers} placements");
    }
}

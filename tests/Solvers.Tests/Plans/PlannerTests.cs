using Tern.Solvers.Synthetic;
using Microsoft.Extensions.Time.Testing;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;

namespace Tern.Solvers.Tests.Plans;

public class PlannerTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static Plan Plan(PlanningProblem problem, AlgorithmChoice algorithm = AlgorithmChoice.Auto, int timeKeys = 4, int seed = 1) =>
        Planner.Plan(problem, new PlannerOptions { Algorithm = algorithm, TimeKeysPerDay = timeKeys, Evaluation = new() { Seed = seed, MaxSamples = 2048 } }, Clock);

    [Fact]
    public void A_plan_has_one_entry_per_time_key_with_figures_next_to_home()
    {
        var plan = Plan(SyntheticProblems.Create(31, 6, 4), timeKeys: 6);
        Assert.Equal([0, 4, 8, 12, 16, 20], plan.TimeKeys.Select(k => k.StartHour));
        Assert.All(plan.TimeKeys, k =>
        {
            Assert.Equal(4, k.Hours);
            Assert.True(k.Estimate.CarbonGrams <= k.Home.CarbonGrams, "with no constraints the plan is never dirtier than home");
            Assert.True(k.Samples > 0 && k.Evaluations > 0);
            Assert.Equal(AlgorithmChoice.FineGrained, k.AlgorithmRun);
            Assert.True(k.ProvenOptimal);
            Assert.Contains("Auto chose FineGrained", k.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(Clock.GetUtcNow().AddDays(1), plan.ExpiresAt);
    }

    [Theory]
    [InlineData(AlgorithmChoice.CoarseGrained)]
    [InlineData(AlgorithmChoice.FineGrained)]
    [InlineData(AlgorithmChoice.Heuristic)]
    public void The_configured_algorithm_is_the_one_that_runs(AlgorithmChoice algorithm)
    {
        var plan = Plan(SyntheticProblems.Create(32, 5, 3), algorithm, timeKeys: 2);
        Assert.All(plan.TimeKeys, k => Assert.Equal(algorithm, k.AlgorithmRun));
        Assert.Equal(algorithm, plan.Requested);
    }

    [Fact]
    public void Auto_runs_the_heuristic_when_the_space_is_too_large_and_says_so()
    {
        var plan = Planner.Plan(SyntheticProblems.Create(33, 12, 6), new PlannerOptions { TimeKeysPerDay = 1, AutoExactLimit = 1000 }, Clock);
        Assert.Equal(AlgorithmChoice.Heuristic, plan.TimeKeys[0].AlgorithmRun);
        Assert.Contains("Auto chose Heuristic", plan.TimeKeys[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        var problem = SyntheticProblems.Create(34, 7, 4, constraints: new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 110 } } });
        var a = Plan(problem, AlgorithmChoice.Heuristic, seed: 9);
        var b = Plan(problem, AlgorithmChoice.Heuristic, seed: 9);
        Assert.Equal(a.TimeKeys.Select(k => k.Placement.ToArray()), b.TimeKeys.Select(k => k.Placement.ToArray()));
        Assert.Equal(a.TimeKeys.Select(k => k.Estimate), b.TimeKeys.Select(k => k.Estimate));
    }

    [Fact]
    public void Constraints_no_placement_meets_keep_the_home_placement_with_the_reason()
    {
        var impossible = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { Absolute = 0.001 } } };
        var plan = Plan(SyntheticProblems.Create(35, 5, 3, constraints: impossible));
        Assert.All(plan.TimeKeys, k =>
        {
            Assert.True(k.IsHome);
            Assert.Contains("no placement keeps the hard constraints", k.Reason, StringComparison.Ordinal);
            Assert.Contains("p95 run time", k.Reason, StringComparison.Ordinal);
            Assert.False(k.ProvenOptimal);
        });
    }

    [Fact]
    public void A_relative_hard_runtime_bound_holds_in_every_time_key()
    {
        var bound = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 102 } } };
        var plan = Plan(SyntheticProblems.Create(36, 6, 4, constraints: bound), AlgorithmChoice.FineGrained);
        Assert.All(plan.TimeKeys, k => Assert.True(k.Estimate.RuntimeP95Seconds <= k.Home.RuntimeP95Seconds * 1.02 + 0.02 * k.Home.RuntimeP95Seconds,
            $"key {k.StartHour}: p95 {k.Estimate.RuntimeP95Seconds} vs home {k.Home.RuntimeP95Seconds}"));
    }

    [Fact]
    public void The_priority_order_decides_what_is_minimised()
    {
        var problem = SyntheticProblems.Create(37, 5, 4);
        var byCarbon = Plan(problem with { Constraints = new ConstraintSet { Priority = [Metric.Carbon] } }, AlgorithmChoice.FineGrained, timeKeys: 1).TimeKeys[0];
        var byCost = Plan(problem with { Constraints = new ConstraintSet { Priority = [Metric.Cost] } }, AlgorithmChoice.FineGrained, timeKeys: 1).TimeKeys[0];
        Assert.True(byCarbon.Estimate.CarbonGrams <= byCost.Estimate.CarbonGrams);
        Assert.True(byCost.Estimate.CostUsd <= byCarbon.Estimate.CostUsd);
        Assert.NotEqual(byCarbon.Placement, byCost.Placement);
    }

    [Fact]
    public void An_invalid_problem_is_refused_with_every_problem_listed()
    {
        var problem = SyntheticProblems.Create(38, 3, 2);
        var broken = problem with
        {
            Edges = [problem.Edges[0] with { Probability = 1.5 }, .. problem.Edges.Skip(1)],
            Regions = [problem.Regions[0] with { X86UsdPerGbSecond = double.NaN }, problem.Regions[1]],
        };
        var error = Assert.Throws<ArgumentException>(() => Plan(broken));
        Assert.Contains("call probability 1.5 is not between 0 and 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("x86 duration price: NaN is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_key_count_that_does_not_divide_the_day_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan(SyntheticProblems.Create(39, 3, 2), timeKeys: 5));
}

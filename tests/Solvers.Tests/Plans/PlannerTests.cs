using Tern.Solvers.Synthetic;
using Microsoft.Extensions.Time.Testing;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;

namespace Tern.Solvers.Tests.Plans;

public class PlannerTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static Plan Plan(PlanningProblem problem, AlgorithmChoice algorithm = AlgorithmChoice.Auto, int timeKeys = 4, int seed = 1) =>
        Planner.Plan(problem, new PlannerOptions { Algorithm = algorithm, TimeKeysPerDay = timeKeys, Evaluation = new() { Seed = seed,
            MaxSamples = 2048 } }, Clock);

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
            Assert.Contains("branch and bound finished within its budget", k.Reason, StringComparison.Ordinal);
            Assert.True(k.SearchNodes > 0);
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
    public void Auto_runs_the_heuristic_when_branch_and_bound_exceeds_its_budget_and_says_so()
    {
        var plan = Planner.Plan(SyntheticProblems.Create(33, 12, 6), new PlannerOptions { TimeKeysPerDay = 1, AutoNodeBudget = 5 }, Clock);
        Assert.Equal(AlgorithmChoice.Heuristic, plan.TimeKeys[0].AlgorithmRun);
        Assert.Contains("Auto: branch and bound exceeded its budget of 5 nodes, so Heuristic continued", plan.TimeKeys[0].Reason,
            StringComparison.Ordinal);
        Assert.False(plan.TimeKeys[0].ProvenOptimal);
    }

    [Fact]
    public void Auto_proves_the_optimum_of_twenty_five_functions_in_sixteen_regions_with_branch_and_bound()
    {
        // 16^25 placements: far beyond any exhaustive search, yet branch and bound finishes well within its budget.
        var problem = SyntheticProblems.Create(1025, 25, 16);
        var plan = Plan(problem, timeKeys: 4);
        Assert.All(plan.TimeKeys, k =>
        {
            Assert.Equal(AlgorithmChoice.FineGrained, k.AlgorithmRun);
            Assert.True(k.ProvenOptimal);
            Assert.InRange(k.SearchNodes, 1, new PlannerOptions().AutoNodeBudget);
        });
        var fine = Plan(problem, AlgorithmChoice.FineGrained, timeKeys: 4);
        Assert.Equal(fine.TimeKeys.Select(k => k.Placement.ToArray()), plan.TimeKeys.Select(k => k.Placement.ToArray()));
    }

    [Fact]
    public void Keys_planned_in_parallel_give_the_plan_keys_planned_one_by_one_give()
    {
        var bounded = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 104 } } };
        foreach (var problem in new[] { SyntheticProblems.Create(40, 9, 4), SyntheticProblems.Create(41, 9, 4, constraints: bounded) })
        {
            var options = new PlannerOptions { TimeKeysPerDay = 8, Evaluation = new() { MaxSamples = 2048 } };
            var serial = Planner.Plan(problem, options with { MaxParallelism = 1 }, Clock);
            var parallel = Planner.Plan(problem, options with { MaxParallelism = 4 }, Clock);
            Assert.Equal(serial.TimeKeys.Select(k => k.Placement.ToArray()), parallel.TimeKeys.Select(k => k.Placement.ToArray()));
            Assert.Equal(serial.TimeKeys.Select(k => (k.Estimate, k.Home, k.AlgorithmRun, k.Reason, k.SearchNodes, k.Evaluations, k.Samples)),
                parallel.TimeKeys.Select(k => (k.Estimate, k.Home, k.AlgorithmRun, k.Reason, k.SearchNodes, k.Evaluations, k.Samples)));
        }
    }

    [Fact]
    public void Auto_stopped_by_its_budget_gives_the_same_plan_every_time()
    {
        var options = new PlannerOptions { TimeKeysPerDay = 3, AutoNodeBudget = 10, Evaluation = new() { Seed = 4, MaxSamples = 1024 } };
        var problem = SyntheticProblems.Create(42, 30, 8);
        var first = Planner.Plan(problem, options, Clock);
        var second = Planner.Plan(problem, options, Clock);
        Assert.All(first.TimeKeys, k => Assert.Equal(AlgorithmChoice.Heuristic, k.AlgorithmRun));
        Assert.Equal(first.TimeKeys.Select(k => k.Placement.ToArray()), second.TimeKeys.Select(k => k.Placement.ToArray()));
        Assert.Equal(first.TimeKeys.Select(k => k.Estimate), second.TimeKeys.Select(k => k.Estimate));
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        var problem = SyntheticProblems.Create(34, 7, 4, constraints: new ConstraintSet { Hard = new Dictionary<Metric,
            Bound> { [Metric.Runtime] = new() { PercentOfHome = 110 } } });
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
        var byCarbon = Plan(problem with { Constraints = new ConstraintSet { Priority = [Metric.Carbon] } }, AlgorithmChoice.FineGrained,
            timeKeys: 1).TimeKeys[0];
        var byCost = Plan(problem with { Constraints = new ConstraintSet { Priority = [Metric.Cost] } }, AlgorithmChoice.FineGrained,
            timeKeys: 1).TimeKeys[0];
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

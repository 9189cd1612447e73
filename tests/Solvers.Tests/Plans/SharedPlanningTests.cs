using Microsoft.Extensions.Time.Testing;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;
using Tern.Solvers.Synthetic;
using Tern.Solvers.Time;

namespace Tern.Solvers.Tests.Plans;

/// <summary>The two ways a caller that plans often (the backtest) saves work: planning only the hours a plan will be
/// used for, and sharing an evaluation context between problems that differ only in carbon. Neither may change a plan.</summary>
public class SharedPlanningTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly PlannerOptions Options = new()
    {
        Algorithm = AlgorithmChoice.Heuristic,
        TimeKeysPerDay = 8,
        Evaluation = new() { Seed = 3, MaxSamples = 2048 },
    };

    [Fact]
    public void Planned_hours_plan_only_the_keys_that_cover_them_exactly_as_a_whole_day_plan_does()
    {
        var problem = SyntheticProblems.Create(35, 7, 4);
        var day = Planner.Plan(problem, Options, Clock);
        // 22:00–02:00 with 3-hour keys touches the key from 21:00 and the key from 00:00.
        var night = Planner.Plan(problem, Options with { PlannedHours = new HourWindow(22, 4) }, Clock);
        Assert.Equal([0, 21], night.TimeKeys.Select(k => k.StartHour));
        foreach (var key in night.TimeKeys)
        {
            var same = day.TimeKeys.Single(k => k.StartHour == key.StartHour);
            Assert.Equal(same.Placement, key.Placement);
            Assert.Equal(same.Estimate, key.Estimate);
            Assert.Equal(same.Home, key.Home);
        }
        var hour = Planner.Plan(problem, Options with { PlannedHours = new HourWindow(13, 1) }, Clock);
        Assert.Equal([12], hour.TimeKeys.Select(k => k.StartHour));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(24, 1)]
    [InlineData(0, 0)]
    [InlineData(0, 25)]
    public void A_window_outside_the_day_is_refused(int startHour, int hours) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HourWindow(startHour, hours));

    [Fact]
    public void A_context_shared_with_a_problem_of_other_carbon_plans_exactly_as_a_fresh_one()
    {
        var problem = SyntheticProblems.Create(36, 8, 4);
        var shared = new EvaluationContext(problem, Options.Evaluation);
        // The last region becomes by far the cleanest, so the plans must follow the new carbon, not the old.
        var recoloured = problem with
        {
            Regions = [.. problem.Regions.Select((r,
                i) => r with { HourlyGramsPerKwh = [.. r.HourlyGramsPerKwh.Select(g => i == problem.Regions.Count - 1 ? 1 : g + 500)] })],
        };
        var simulatedBefore = shared.Simulated.Samples;
        var viaShared = Planner.Plan(shared.WithCarbon(recoloured), Options, Clock);
        var simulatedViaShared = shared.Simulated.Samples - simulatedBefore;
        var freshContext = new EvaluationContext(recoloured, Options.Evaluation);
        var fresh = Planner.Plan(freshContext, Options, Clock);
        var before = Planner.Plan(shared, Options, Clock);
        Assert.Equal(fresh.TimeKeys.Select(k => k.Placement.ToArray()), viaShared.TimeKeys.Select(k => k.Placement.ToArray()));
        Assert.Equal(fresh.TimeKeys.Select(k => k.Estimate), viaShared.TimeKeys.Select(k => k.Estimate));
        Assert.All(before.TimeKeys.Zip(viaShared.TimeKeys), pair => Assert.NotEqual(pair.First.Estimate.CarbonGrams,
            pair.Second.Estimate.CarbonGrams));
    }

    [Fact]
    public void Under_a_run_time_bound_a_context_warmed_by_other_carbon_plans_exactly_as_a_fresh_one()
    {
        // A hard bound makes every candidate's run time a Monte Carlo figure, which the shared context keeps from the
        // first plan and serves to the second: the plans must not tell the difference.
        var bounded = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 103 } } };
        var problem = SyntheticProblems.Create(39, 8, 4, constraints: bounded);
        var shared = new EvaluationContext(problem, Options.Evaluation);
        var before = Planner.Plan(shared, Options, Clock);
        var recoloured = problem with
        {
            Regions = [.. problem.Regions.Select((r, i) => r with { HourlyGramsPerKwh = [.. r.HourlyGramsPerKwh.Select(g => i == 1 ? 1 : g
                + 300)] })],
        };
        var simulatedBefore = shared.Simulated.Samples;
        var viaShared = Planner.Plan(shared.WithCarbon(recoloured), Options, Clock);
        var simulatedViaShared = shared.Simulated.Samples - simulatedBefore;
        var freshContext = new EvaluationContext(recoloured, Options.Evaluation);
        var fresh = Planner.Plan(freshContext, Options, Clock);
        Assert.Equal(fresh.TimeKeys.Select(k => k.Placement.ToArray()), viaShared.TimeKeys.Select(k => k.Placement.ToArray()));
        Assert.Equal(fresh.TimeKeys.Select(k => k.Estimate), viaShared.TimeKeys.Select(k => k.Estimate));
        Assert.True(simulatedViaShared < freshContext.Simulated.Samples, "the warmed context simulated as much as a fresh one");
        Assert.Equal(fresh.TimeKeys.Select(k => k.Samples), viaShared.TimeKeys.Select(k => k.Samples));
        Assert.NotEqual(before.TimeKeys.Select(k => k.Placement.ToArray()), viaShared.TimeKeys.Select(k => k.Placement.ToArray()));
    }

    [Fact]
    public void A_context_is_not_shared_with_a_problem_that_differs_in_more_than_carbon()
    {
        var problem = SyntheticProblems.Create(37, 5, 3);
        var context = new EvaluationContext(problem, Options.Evaluation);
        var repriced = problem with { Regions = [.. problem.Regions.Select(r => r with { X86UsdPerGbSecond = 2 * r.X86UsdPerGbSecond })] };
        var rebuilt = problem with { Instances = [.. problem.Instances] };
        foreach (var other in new[] { repriced, rebuilt })
        {
            var error = Assert.Throws<ArgumentException>(() => context.WithCarbon(other));
            Assert.Contains("differs from", error.Message, StringComparison.Ordinal);
            Assert.Contains("changing only HourlyGramsPerKwh", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Planning_with_a_context_that_samples_differently_from_the_options_is_refused()
    {
        var context = new EvaluationContext(SyntheticProblems.Create(38, 4, 3), new EvaluatorOptions { Seed = 99 });
        var error = Assert.Throws<ArgumentException>(() => Planner.Plan(context, Options, Clock));
        Assert.Contains("make the context with the planner options' Evaluation", error.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Time.Testing;
using Tern.Entities.Regions;
using Tern.Backtest;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Plans;
using Tern.Tests.Support;

namespace Tern.Backtest.Tests;

public class PeriodPlannerTests
{
    [Fact]
    public void A_re_plan_that_swaps_its_forecast_into_the_shared_problem_plans_as_mapping_the_workflow_afresh_would()
    {
        var workflow = BenchmarkWorkflow.Create();
        var data = BundledDataFixture.Bundled;
        var catalogue = RegionCatalogue.Bundled;
        var codes = workflow.Spec.Regions;
        var flat = Profile("flat", codes.Select(_ => 300.0).ToArray(), 0);
        // Each region's own level and daily swing, so the forecast moves functions around.
        var forecast = Profile("a forecast", [420, 250, 90, 40], 30);
        var options = new PlannerOptions { Algorithm = AlgorithmChoice.Heuristic, TimeKeysPerDay = 4, Evaluation = new() { Seed = 5 } };
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 6, 8, 0, 0, 0, TimeSpan.Zero));

        var full = BacktestRunner.Map(workflow, flat, data, catalogue);
        var shared = Planner.Plan(new EvaluationContext(full, options.Evaluation).WithCarbon(PeriodPlanner.WithForecast(full, forecast)), options, clock);
        var fresh = Planner.Plan(BacktestRunner.Map(workflow, forecast, data, catalogue), options, clock);

        Assert.Equal(fresh.Regions, shared.Regions);
        Assert.Equal(fresh.Notes, shared.Notes);
        Assert.Equal(fresh.TimeKeys.Select(k => k.Placement.ToArray()), shared.TimeKeys.Select(k => k.Placement.ToArray()));
        Assert.Equal(fresh.TimeKeys.Select(k => k.Estimate), shared.TimeKeys.Select(k => k.Estimate));
        Assert.Contains(shared.TimeKeys, k => !k.IsHome);

        ForecastProfile Profile(string name, double[] level, double swing) => new(name, codes.Select((code, r) => (code, r)).ToDictionary(
            x => x.code,
            x => ForecastProfile.Available(x.code, catalogue.Find(x.code)!.DefaultZone,
                [.. Enumerable.Range(0, 24).Select(h => level[x.r] + swing * Math.Sin((h + 3 * x.r) * Math.PI / 12))])));
    }
}

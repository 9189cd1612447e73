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
        var shared = Planner.Plan(new EvaluationContext(full, options.Evaluation).WithCarbon(PeriodPlanner.WithForecast(full, forecast)), options,
            clock);
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

    [Fact]
    public void A_forecast_made_at_an_instant_is_the_same_whatever_the_data_after_it_hold()
    {
        // us-west-2 misses the hour before the second re-plan instant (day 2, 00:00). Everything from the instant on is
        // then replaced: other values, and the first two hours deleted so the gap runs across the instant.
        var random = new Random(17);
        var west = BacktestSupport.Days(100, 100, 100).Select(_ => 50 + 300 * random.NextDouble()).ToArray();
        var instant = 48;
        west[instant - 1] = double.NaN;
        var rewritten = (double[])west.Clone();
        for (var h = instant; h < rewritten.Length; h++)
        {
            rewritten[h] = 50 + 300 * random.NextDouble();
        }
        rewritten[instant] = rewritten[instant + 1] = double.NaN;

        foreach (var forecast in new[] { "trailing-mean:1d", "holt-winters:2d" })
        {
            var days = forecast == "trailing-mean:1d" ? 1 : 2;
            Assert.Equal(ForecastAt(west, forecast, days), ForecastAt(rewritten, forecast, days));
        }
    }

    // The us-west-2 values the planner is told at the re-plan instant of day 2, with the forecast's history before it.
    private static double[] ForecastAt(double[] west, string forecastName, int historyDays)
    {
        var workflow = BacktestSupport.OneFunction();
        var data = BacktestSupport.Data(BacktestSupport.June1, BacktestSupport.Days(400, 400, 400), west);
        var from = BacktestSupport.June1.AddDays(historyDays);
        var request = BacktestSupport.Request(from, days: 2 - historyDays + 1, forecast: forecastName);
        var actual = ActualCarbon.Load(data.Carbon, RegionCatalogue.Bundled, ["us-east-1", "us-west-2"], request.From, request.To,
            request.Forecast.HistoryHours, request.Forecast.Name, shiftYears: true);
        var flat = new ForecastProfile("flat", new Dictionary<string, Tern.Carbon.RegionCarbonProfile>(StringComparer.Ordinal)
        {
            ["us-east-1"] = ForecastProfile.Available("us-east-1", "US-MIDA-PJM", [.. Enumerable.Repeat(400.0, 24)]),
            ["us-west-2"] = ForecastProfile.Available("us-west-2", "US-NW-BPAT", [.. Enumerable.Repeat(100.0, 24)]),
        });
        var context = new EvaluationContext(BacktestRunner.Map(workflow, flat, data, RegionCatalogue.Bundled), new EvaluatorOptions());
        var planner = new PeriodPlanner(workflow, request, data, RegionCatalogue.Bundled, actual, context, actual.WindowOffset,
            actual.WindowHours, homeRuntimeP95Seconds: 1);
        var period = planner.Periods(request.Forecast, 24, 24).Single(p => p.Start == BacktestSupport.June1.AddDays(2));
        var (profile, dropped) = planner.Forecast(period);
        Assert.Empty(dropped);
        return [.. profile.Find("us-west-2")!.HourOfDayMeans!];
    }
}

using Tern.Manifests;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest;
using Tern.Solvers.Model;
using static Tern.Backtest.Tests.BacktestSupport;
using Tern.Tests.Support;

namespace Tern.Backtest.Tests;

public class BacktestRunnerTests
{
    [Fact]
    public void Realised_carbon_of_a_two_region_two_day_case_matches_the_hand_calculation()
    {
        // Day 0 is history. us-west-2 is clean on day 0 and day 1 and dirty on day 2; home stays at 400.
        var data = Data(June1, home: Days(400, 400, 400), west: Days(100, 100, 600));
        var result = Run(OneFunction(), Request(June1.AddDays(1), days: 2), data);

        // By hand, with Caribou's constants: 1 GiB → 1024/1769 vCPU at 50 % utilisation, memory power, PUE 1.11, and a
        // mean run time of 1 s × the mean of the prior factors (0.8 … 1.5).
        var c = ModelConstants.Caribou;
        var vcpu = 1024.0 / c.MemoryMbPerVcpu;
        var kw = (c.MinCpuKwPerVcpu + 0.5 * (c.MaxCpuKwPerVcpu - c.MinCpuKwPerVcpu)) * vcpu + c.MemoryKwPerGb * 1.0;
        var seconds = Tern.Planning.Workflows.WorkflowProblemMapper.RuntimePriorFactors.Average();
        var kwhPerInvocation = kw / 3600 * seconds * 1.11;
        var invocationsPerDay = 24 * 10;

        // The trailing mean of the day before says us-west-2 (100) both days; it is really 100 then 600.
        Assert.Equal(invocationsPerDay * kwhPerInvocation * (100 + 600), result.Of(StrategyKind.Forecast).TotalCarbonGrams, 9);
        Assert.Equal(invocationsPerDay * kwhPerInvocation * (400 + 400), result.Home.TotalCarbonGrams, 9);
        // The oracle knows: us-west-2 on day 1, home on day 2.
        Assert.Equal(invocationsPerDay * kwhPerInvocation * (100 + 400), result.Of(StrategyKind.Oracle).TotalCarbonGrams, 9);
        // Best single region by the actual mean over the window: us-west-2 (350) against home (400).
        Assert.Equal(invocationsPerDay * kwhPerInvocation * (100 + 600), result.Of(StrategyKind.BestSingleRegion).TotalCarbonGrams, 9);
        Assert.Contains("us-west-2", result.Of(StrategyKind.BestSingleRegion).Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Plans_made_before_a_change_in_the_data_do_not_change()
    {
        var home = Days(400, 400, 400, 400);
        var west = Days(100, 300, 500, 200);
        var changed = (double[])west.Clone();
        // Everything from day 2 (the second re-plan instant) on is different.
        for (var h = 48; h < changed.Length; h++)
        {
            changed[h] = 50;
        }
        var request = Request(June1.AddDays(1), days: 3);
        var before = Run(OneFunction(), request, Data(June1, home, west));
        var after = Run(OneFunction(), request, Data(June1, home, changed));

        // The plans made at day 1 and day 2 saw only data before day 2: identical. The plan made at day 3 saw the change.
        for (var p = 0; p < 2; p++)
        {
            Assert.Equal(Placements(before.Periods[p]), Placements(after.Periods[p]));
        }
        Assert.NotEqual(Placements(before.Periods[2]), Placements(after.Periods[2]));
        // Charging, on the other hand, uses the actual hours, so day 2's realised carbon differs.
        Assert.NotEqual(before.Of(StrategyKind.Forecast).CarbonGrams[30], after.Of(StrategyKind.Forecast).CarbonGrams[30]);
    }

    private static List<string> Placements(PeriodPlan period) =>
        [.. period.Plan!.TimeKeys.Select(k => string.Join(",", k.Placement.Select(r => period.Plan.Regions[r])))];

    [Fact]
    public void Home_only_saves_exactly_nothing()
    {
        var result = Run(OneFunction(), Request(June1.AddDays(1), days: 1), Data(June1, Days(400, 300), Days(100, 200)));
        Assert.Equal(0.0, result.CarbonSavedPercent(result.Home));
        Assert.Equal(0.0, result.CostSavedPercent(result.Home));
        Assert.All(result.Home.Placement, p => Assert.All(p, r => Assert.Equal(0, r)));
    }

    public static TheoryData<string> Presets => ["none", "runtime-5pct", "cost-5pct"];

    [Theory]
    [MemberData(nameof(Presets))]
    public void The_oracle_is_never_worse_than_any_strategy_and_presets_hold_in_every_period(string preset)
    {
        var workflow = Example("text-2-speech-censoring");
        var request = Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 2, forecast: "trailing-mean:2d", constraints: preset) with
        {
            Regions = ["us-west-1", "us-west-2", "ca-central-1"],
        };
        var result = Run(workflow, request);

        var oracle = result.Of(StrategyKind.Oracle);
        foreach (var strategy in result.Strategies)
        {
            for (var h = 0; h < result.Hours; h++)
            {
                Assert.True(oracle.CarbonGrams[h] <= strategy.CarbonGrams[h] * (1 + 1e-9), $"{strategy.Name} beat the oracle in hour {h}");
            }
        }
        foreach (var period in result.Periods)
        {
            foreach (var key in period.Plan!.TimeKeys)
            {
                if (preset == "runtime-5pct")
                {
                    Assert.True(key.IsHome || key.Estimate.RuntimeP95Seconds <= 1.05 * key.Home.RuntimeP95Seconds * (1 + 1e-3),
                        $"{period.Start} key {key.StartHour}");
                }
                if (preset == "cost-5pct")
                {
                    Assert.True(key.IsHome || key.Estimate.CostP95Usd <= 1.05 * key.Home.CostP95Usd * (1 + 1e-3),
                        $"{period.Start} key {key.StartHour}");
                }
            }
        }
        if (preset == "runtime-5pct")
        {
            var homeP95 = result.Home.RuntimeP95Seconds[0];
            Assert.All(result.Strategies, s => Assert.All(s.RuntimeP95Seconds,
                p => Assert.True(p <= 1.05 * homeP95 * 1.01, $"{s.Name}: p95 {p} s, home {homeP95} s")));
        }
    }

    internal static ServerlessWorkflow Example(string name)
    {
        var report = new ManifestValidator(RegionCatalogue.Bundled).ValidateFile(RepoPaths.Of("examples", $"{name}.yaml"));
        return report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().Single();
    }
}

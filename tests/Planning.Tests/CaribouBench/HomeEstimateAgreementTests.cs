using Tern.Solvers.Evaluation;

namespace Tern.Planning.Tests.CaribouBench;

/// <summary>Tern's estimate of the all-at-home placement against Caribou's own (home_metrics), hour by
/// hour, on the three bench documents. The README explains the tolerances and the systematic differences.</summary>
public class HomeEstimateAgreementTests
{
    public static TheoryData<string> Cases => ["F3_R4_chain", "F6_R8_fanout", "F12_R12_fanout"];

    private sealed record Ratios(double Cost, double Carbon, double Runtime, double RuntimeP95, double CostP95, double CarbonP95)
    {
        public override string ToString() =>
            $"Tern/Caribou cost {Cost:0.0000}, carbon {Carbon:0.0000}, runtime {Runtime:0.0000}, p95 runtime {RuntimeP95:0.0000}, " +
            $"p95 cost {CostP95:0.0000}, p95 carbon {CarbonP95:0.0000}";
    }

    private static Ratios MeanRatios(string name)
    {
        var problem = BenchFixtures.Read(name);
        var results = BenchFixtures.Results($"{name}__coarse_grained__simple.jsonl");
        var context = new EvaluationContext(problem, new EvaluatorOptions());
        var ratios = results.Hours.Select(hour =>
        {
            var evaluator = context.ForTimeKey(hour.Hour, 1);
            var tern = evaluator.EvaluatePrecisely(evaluator.HomePlacement);
            var caribou = hour.HomeMetrics;
            return new Ratios(tern.CostUsd / caribou.AverageCost, tern.CarbonGrams / caribou.AverageCarbon,
                tern.RuntimeMeanSeconds / caribou.AverageRuntime, tern.RuntimeP95Seconds / caribou.TailRuntime,
                tern.CostP95Usd / caribou.TailCost, tern.CarbonP95Grams / caribou.TailCarbon);
        }).ToList();
        return new Ratios(ratios.Average(r => r.Cost), ratios.Average(r => r.Carbon), ratios.Average(r => r.Runtime),
            ratios.Average(r => r.RuntimeP95), ratios.Average(r => r.CostP95), ratios.Average(r => r.CarbonP95));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Home_cost_carbon_and_runtime_agree_with_caribou(string name)
    {
        var ratios = MeanRatios(name);
        var figures = $"{name}: {ratios}";
        // Cost and run time follow the same formulas on the same samples: 1 %, about Caribou's own Monte Carlo noise.
        Assert.True(Math.Abs(ratios.Cost - 1) <= 0.01, figures);
        Assert.True(Math.Abs(ratios.Runtime - 1) <= 0.01, figures);
        // A 95th percentile of 2000 draws moves by a few percent between runs.
        Assert.True(Math.Abs(ratios.RuntimeP95 - 1) <= 0.02, figures);
        // Carbon here is mostly the untracked transfer (0.05-20 MB per run, heavy-tailed), which Caribou samples
        // with its biased sampler (Caribou's workflow_instance.py); the README gives the measured gaps (+2.0 %, +2.7 %, -1.0 %).
        Assert.True(Math.Abs(ratios.Carbon - 1) <= 0.03, figures);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Home_tails_of_cost_and_carbon_agree_with_caribou(string name)
    {
        var ratios = MeanRatios(name);
        var figures = $"{name}: {ratios}";
        // Each run's download is drawn with its duration, as Caribou draws them, so the carbon tail is as close as the
        // mean is (+1.0 %, +3.1 %, +0.2 %; before, when a download was its mean, 11-19 % low).
        Assert.True(Math.Abs(ratios.CarbonP95 - 1) <= 0.04, figures);
        // The join's upload writes are priced per GB of each payload by the average number of writes it is part of; the
        // spread that comes from the order of the uploads is left out (README), which lowers the cost tail of F6, where
        // those writes are most of the cost, by about 5 % (before, when they were a fixed expected cost, by 27 %).
        Assert.True(Math.Abs(ratios.CostP95 - 1) <= (name == "F6_R8_fanout" ? 0.07 : 0.02), figures);
    }
}

using Tern.Solvers.Synthetic;
using Tern.Solvers.Evaluation;

namespace Tern.Solvers.Tests.Evaluation;

public class MonteCarloTests
{
    [Fact]
    public void Sampling_stops_once_the_interval_is_within_the_tolerance_and_is_capped()
    {
        var problem = SyntheticProblems.Create(11, instances: 6, regions: 3);
        var tight = new EvaluationContext(problem, new EvaluatorOptions { RelativeTolerance = 0.01, MaxSamples = 20000 }).ForTimeKey(0, 1);
        var estimate = tight.EvaluatePrecisely(tight.HomePlacement);
        Assert.True(estimate.RuntimeCiHalfWidthSeconds <= 0.01 * estimate.RuntimeMeanSeconds || estimate.Samples == 20000);
        Assert.True(estimate.Samples < 20000, $"{estimate.Samples} samples: the early stop did not fire");

        var loose = new EvaluationContext(problem, new EvaluatorOptions { RelativeTolerance = 0.2 }).ForTimeKey(0, 1);
        Assert.Equal(256, loose.EvaluatePrecisely(loose.HomePlacement).Samples);

        var capped = new EvaluationContext(problem, new EvaluatorOptions { RelativeTolerance = 1e-6, MaxSamples = 1024 }).ForTimeKey(0, 1);
        Assert.Equal(1024, capped.EvaluatePrecisely(capped.HomePlacement).Samples);
    }

    [Fact]
    public void The_same_seed_gives_the_same_figures_and_another_seed_slightly_different_ones()
    {
        var problem = SyntheticProblems.Create(12, instances: 6, regions: 3);
        Estimate Run(int seed)
        {
            var evaluator = new EvaluationContext(problem, new EvaluatorOptions { Seed = seed }).ForTimeKey(0, 1);
            return evaluator.Evaluate([0, 1, 0, 1, 0, 0]);
        }
        Assert.Equal(Run(5), Run(5));
        var other = Run(6);
        Assert.NotEqual(Run(5).RuntimeMeanSeconds, other.RuntimeMeanSeconds);
        Assert.Equal(Run(5).RuntimeMeanSeconds, other.RuntimeMeanSeconds, 0.1 * other.RuntimeMeanSeconds);
    }

    [Fact]
    public void The_tail_is_at_least_the_mean_and_the_runtime_covers_the_entry_function()
    {
        var problem = SyntheticProblems.Create(13, instances: 5, regions: 2);
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions()).ForTimeKey(0, 1);
        var estimate = evaluator.Evaluate(evaluator.HomePlacement);
        Assert.True(estimate.RuntimeP95Seconds >= estimate.RuntimeMeanSeconds);
        Assert.True(estimate.RuntimeMeanSeconds >= problem.Instances[0].RuntimeSeconds[0]!.Min());
        Assert.True(estimate.CostP95Usd >= estimate.CostUsd * 0.5);
    }

    [Fact]
    public void The_home_figures_shared_by_every_key_equal_a_simulation_of_that_key()
    {
        var problem = SyntheticProblems.Create(14, instances: 7, regions: 3);
        var context = new EvaluationContext(problem, new EvaluatorOptions());
        foreach (var (start, hours) in new[] { (0, 1), (13, 1), (6, 6) })
        {
            var evaluator = context.ForTimeKey(start, hours);
            var direct = evaluator.Evaluate(evaluator.HomePlacement);
            var home = evaluator.Home;
            Assert.Equal((direct.CostUsd, direct.CarbonGrams, direct.RuntimeMeanSeconds, direct.RuntimeP95Seconds, direct.CostP95Usd, direct.Samples),
                (home.CostUsd, home.CarbonGrams, home.RuntimeMeanSeconds, home.RuntimeP95Seconds, home.CostP95Usd, home.Samples));
            Assert.Equal(direct.CarbonP95Grams, home.CarbonP95Grams, 1e-12 * direct.CarbonP95Grams);
        }
    }
}

using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Synthetic;

namespace Tern.Solvers.Tests.Evaluation;

/// <summary>Run time and cost do not depend on carbon, so a search screens each placement's Monte Carlo figures once for
/// every time key and every re-plan sharing the context. Sharing must give exactly the figures of simulating again.</summary>
public class CarbonFreeFiguresTests
{
    private static readonly EvaluatorOptions Options = new() { Seed = 4, MaxSamples = 2048 };

    [Fact]
    public void Screening_gives_the_simulated_figures_except_the_carbon_tail_and_simulates_each_placement_once_per_context()
    {
        var problem = SyntheticProblems.Create(41, instances: 6, regions: 3);
        var context = new EvaluationContext(problem, Options);
        var night = context.ForTimeKey(0, 6);
        var noon = context.ForTimeKey(12, 6);
        Assert.NotEqual(night.GramsPerKwh, noon.GramsPerKwh);
        int[] placement = [0, 1, 2, 1, 0, 2];

        var simulatedBefore = night.SamplesSimulated;
        var screened = night.Screen(placement);
        Assert.Equal(night.SampleCount, night.SamplesSimulated - simulatedBefore);
        var full = night.Evaluate(placement);
        Assert.Equal(full with { CarbonP95Grams = double.NaN }, screened);
        Assert.False(double.IsNaN(full.CarbonP95Grams));

        // Another key of the same context: the run time and cost come from the first screening, the means from its own carbon.
        var noonBefore = noon.SamplesSimulated;
        var again = noon.Screen(placement);
        Assert.Equal(noonBefore, noon.SamplesSimulated);
        Assert.Equal(noon.Evaluate(placement) with { CarbonP95Grams = double.NaN }, again);
        Assert.NotEqual(screened.CarbonGrams, again.CarbonGrams);
    }

    [Fact]
    public void A_placement_array_the_caller_changes_afterwards_does_not_change_what_was_kept()
    {
        var problem = SyntheticProblems.Create(42, instances: 5, regions: 3);
        var evaluator = new EvaluationContext(problem, Options).ForTimeKey(0, 24);
        int[] placement = [2, 2, 1, 0, 1];
        var first = evaluator.Screen(placement);
        placement[0] = 0;
        placement[3] = 2;
        Assert.Equal(evaluator.Evaluate(placement) with { CarbonP95Grams = double.NaN }, evaluator.Screen(placement));
        var simulated = evaluator.SamplesSimulated;
        Assert.Equal(first, evaluator.Screen([2, 2, 1, 0, 1]));
        Assert.Equal(simulated, evaluator.SamplesSimulated);
    }

    [Fact]
    public void A_hard_bound_on_carbon_has_each_key_simulate_its_own_carbon_tail()
    {
        var constraints = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Carbon] = new() { PercentOfHome = 150 } } };
        var problem = SyntheticProblems.Create(43, instances: 5, regions: 3, constraints: constraints);
        var evaluator = new EvaluationContext(problem, Options).ForTimeKey(0, 24);
        var space = new SearchSpace(problem, evaluator, new Ranker(constraints, evaluator.Home));
        Assert.True(space.Ranker.NeedsCarbonTail);
        int[] placement = [1, 1, 2, 0, 1];
        Assert.Equal(evaluator.Evaluate(placement), space.Estimate(placement));

        var runtimeOnly = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 150 } } };
        var screened = new SearchSpace(problem, evaluator, new Ranker(runtimeOnly, evaluator.Home)).Estimate(placement);
        Assert.True(double.IsNaN(screened.CarbonP95Grams));
        Assert.Equal(evaluator.Evaluate(placement).RuntimeP95Seconds, screened.RuntimeP95Seconds);
    }
}

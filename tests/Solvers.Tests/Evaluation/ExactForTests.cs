using Tern.Solvers.Evaluation;
using Tern.Solvers.Synthetic;

namespace Tern.Solvers.Tests.Evaluation;

public class ExactForTests
{
    [Fact]
    public void Exact_figures_for_given_intensities_equal_a_time_key_with_those_intensities()
    {
        var problem = SyntheticProblems.Create(3, instances: 6, regions: 3);
        var context = new EvaluationContext(problem, new EvaluatorOptions());
        var keyed = context.ForTimeKey(startHour: 5, hours: 1);
        var random = new Random(3);
        var placement = problem.Instances.Select(i => i.AllowedRegions[random.Next(i.AllowedRegions.Count)]).ToArray();

        var direct = context.ExactFor(keyed.GramsPerKwh).Evaluate(placement);

        Assert.Equal(keyed.Exact.Evaluate(placement), direct);
    }

    [Fact]
    public void Carbon_scales_with_the_intensities_and_cost_does_not_change()
    {
        var problem = SyntheticProblems.Create(4, instances: 5, regions: 3);
        var context = new EvaluationContext(problem, new EvaluatorOptions());
        var placement = problem.Instances.Select(i => i.AllowedRegions[0]).ToArray();
        var constants = problem.Constants;

        var low = context.ExactFor([100, 100, 100]).Evaluate(placement);
        var high = context.ExactFor([300, 300, 300]).Evaluate(placement);

        Assert.Equal(low.CostUsd, high.CostUsd, 15);
        Assert.True(high.CarbonGrams > low.CarbonGrams);
        Assert.Throws<ArgumentException>(() => context.ExactFor([1, 2]));
        Assert.True(constants.DefaultGramsPerKwh > 0);
    }
}

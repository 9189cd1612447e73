using Tern.Solvers.Synthetic;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Tests.Support;

namespace Tern.Solvers.Tests.Evaluation;

public class ExactMetricsTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Exact_cost_and_carbon_lie_within_the_interval_of_a_plain_monte_carlo(int seed)
    {
        var problem = SyntheticProblems.Create(seed, instances: 6, regions: 3);
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions()).ForTimeKey(startHour: 7, hours: 1);
        var random = new Random(seed);
        var placement = problem.Instances.Select(i => i.AllowedRegions[random.Next(i.AllowedRegions.Count)]).ToArray();

        var (cost, carbon) = evaluator.Exact.Evaluate(placement);
        var simulatedCost = PlainMonteCarlo.Simulate(problem, placement, hour: 7, carbon: false, samples: 200_000, seed: seed);
        var simulatedCarbon = PlainMonteCarlo.Simulate(problem, placement, hour: 7, carbon: true, samples: 200_000, seed: seed + 100);

        Assert.InRange(cost, simulatedCost.Mean - simulatedCost.HalfWidth999, simulatedCost.Mean + simulatedCost.HalfWidth999);
        Assert.InRange(carbon, simulatedCarbon.Mean - simulatedCarbon.HalfWidth999, simulatedCarbon.Mean + simulatedCarbon.HalfWidth999);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Incremental_moves_equal_full_re_evaluation(int seed)
    {
        var problem = SyntheticProblems.Create(seed, instances: 10, regions: 4);
        var exact = new EvaluationContext(problem, new EvaluatorOptions()).ForTimeKey(0, 1).Exact;
        var random = new Random(seed);
        var placement = problem.Instances.Select(_ => 0).ToArray();
        var (cost, carbon) = exact.Evaluate(placement);
        for (var step = 0; step < 200; step++)
        {
            var instance = random.Next(placement.Length);
            var allowed = problem.Instances[instance].AllowedRegions;
            var region = allowed[random.Next(allowed.Count)];
            var delta = exact.Delta(placement, instance, region);
            placement[instance] = region;
            cost += delta.CostUsd;
            carbon += delta.CarbonGrams;
            var full = exact.Evaluate(placement);
            Assert.Equal(full.CostUsd, cost, 1e-15);
            Assert.Equal(full.CarbonGrams, carbon, 1e-9);
        }
    }

    [Fact]
    public void Moving_the_whole_workflow_to_a_cleaner_grid_lowers_carbon_in_proportion()
    {
        var problem = SyntheticProblems.Create(7, instances: 4, regions: 2, withJoins: false) is var p
            ? p with { Instances = [.. p.Instances.Select(i => i with { AllowedRegions = [0, 1], UntrackedTransferGb = null,
                RuntimeSeconds = [i.RuntimeSeconds[0], null] })], FixedCarbonGrams = 0 }
            : throw new InvalidOperationException();
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions()).ForTimeKey(3, 1);
        var home = evaluator.Exact.Evaluate([0, 0, 0, 0]).CarbonGrams;
        var other = evaluator.Exact.Evaluate([1, 1, 1, 1]).CarbonGrams;
        var intensityRatio = problem.Regions[1].HourlyGramsPerKwh[3] / problem.Regions[0].HourlyGramsPerKwh[3];
        var speedRatio = problem.Regions[1].RelativePerformance / problem.Regions[0].RelativePerformance;
        // Every term scales with the grid; execution also with speed for instances measured only at home.
        Assert.InRange(other / home, intensityRatio * Math.Min(1, speedRatio) * 0.999, intensityRatio * Math.Max(1, speedRatio) * 1.001);
    }
}

using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Synthetic;
using Tern.Solvers.Tests.Support;

namespace Tern.Solvers.Tests.Algorithms;

public class ForestDescentTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    private static SearchSpace Space(PlanningProblem problem)
    {
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions { MaxSamples = 256 }).ForTimeKey(9, 1);
        return new SearchSpace(problem, evaluator, new Ranker(problem.Constraints, evaluator.Home));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Without_joins_one_descent_reaches_the_optimum(int seed)
    {
        var problem = SyntheticProblems.Create(seed + 300, instances: 3 + seed % 4, regions: 3 + seed % 3, withJoins: false);
        var exhaustive = Space(problem);
        Exhaustive.Search(exhaustive);
        var space = Space(problem);
        var placement = space.Evaluator.HomePlacement.ToArray();
        ForestDescent.For(space)!.Descend(placement);
        Assert.Equal(exhaustive.Best!.Placement, placement);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void With_joins_a_descent_never_ranks_after_its_start_and_no_single_move_improves_it(int seed)
    {
        var problem = SyntheticProblems.Create(seed + 400, instances: 12, regions: 5);
        var space = Space(problem);
        var exact = space.Evaluator.Exact;
        var random = new Random(seed);
        var placement = space.Allowed.Select(a => a[random.Next(a.Count)]).ToArray();
        var (startCost, startCarbon) = exact.Evaluate(placement);
        var (cost, carbon) = ForestDescent.For(space)!.Descend(placement);
        Assert.Equal(exact.Evaluate(placement), (cost, carbon));
        Assert.True(space.Ranker.CompareExact(cost, carbon, startCost, startCarbon) <= 0);
        for (var i = 0; i < placement.Length; i++)
        {
            foreach (var region in space.Allowed[i])
            {
                var (deltaCost, deltaCarbon) = exact.Delta(placement, i, region);
                Assert.True(deltaCarbon >= -1e-12 * carbon, $"moving instance {i} to region {region} saves {-deltaCarbon} g");
            }
        }
        Assert.Equal(placement, space.Best!.Placement);
    }

    [Fact]
    public void It_does_not_apply_when_ranking_needs_more_than_exact_sums()
    {
        var soft = new ConstraintSet { Soft = new Dictionary<Metric, Bound> { [Metric.Cost] = new() { PercentOfHome = 101 } } };
        var hard = new ConstraintSet { Hard = new Dictionary<Metric, Bound> { [Metric.Runtime] = new() { PercentOfHome = 105 } } };
        var runtimeFirst = new ConstraintSet { Priority = [Metric.Runtime] };
        foreach (var constraints in new[] { soft, hard, runtimeFirst })
        {
            Assert.Null(ForestDescent.For(Space(SyntheticProblems.Create(3, 5, 3, constraints: constraints))));
        }
        Assert.NotNull(ForestDescent.For(Space(SyntheticProblems.Create(3, 5, 3, constraints: new ConstraintSet { Priority = [Metric.Cost] }))));
    }
}

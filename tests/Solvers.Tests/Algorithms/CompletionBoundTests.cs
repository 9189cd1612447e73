using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Synthetic;

namespace Tern.Solvers.Tests.Algorithms;

/// <summary>The bound branch and bound prunes with, checked directly against every completion of many partial
/// placements: it must never exceed the best completion (or the search would prune the optimum), and on a
/// workflow without joins it must equal it.</summary>
public class CompletionBoundTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 30)];

    private static SearchSpace Space(PlanningProblem problem)
    {
        var evaluator = new EvaluationContext(problem, new EvaluatorOptions { MaxSamples = 256 }).ForTimeKey(5, 3);
        return new SearchSpace(problem, evaluator, new Ranker(problem.Constraints, evaluator.Home));
    }

    // The least value of the metric over every completion of the first `assigned` instances of `prefix`.
    private static double BestCompletion(SearchSpace space, Metric metric, int[] prefix, int assigned)
    {
        var placement = (int[])prefix.Clone();
        var best = double.PositiveInfinity;
        void Complete(int i)
        {
            if (i == placement.Length)
            {
                var (cost, carbon) = space.Evaluator.Exact.Evaluate(placement);
                best = Math.Min(best, metric == Metric.Cost ? cost : carbon);
                return;
            }
            foreach (var region in space.Allowed[i])
            {
                placement[i] = region;
                Complete(i + 1);
            }
        }
        Complete(assigned);
        return best;
    }

    private static IEnumerable<(double Bound, double Best, int Assigned)> BoundsAlongRandomPrefixes(int seed, bool withJoins, Metric metric)
    {
        var problem = SyntheticProblems.Create(seed, instances: 4 + seed % 4, regions: 3 + seed % 2, withJoins);
        var space = Space(problem);
        var random = new Random(seed);
        for (var trial = 0; trial < 6; trial++)
        {
            var bound = new CompletionBound(space, metric);
            var placement = new int[problem.Instances.Count];
            yield return (bound.Value, BestCompletion(space, metric, placement, 0), 0);
            for (var i = 0; i < placement.Length; i++)
            {
                placement[i] = space.Allowed[i][random.Next(space.Allowed[i].Count)];
                bound.Push(placement, i, placement[i]);
                yield return (bound.Value, BestCompletion(space, metric, placement, i + 1), i + 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_bound_never_exceeds_the_best_completion(int seed)
    {
        foreach (var metric in new[] { Metric.Carbon, Metric.Cost })
        {
            foreach (var (bound, best, assigned) in BoundsAlongRandomPrefixes(seed, withJoins: true, metric))
            {
                Assert.True(bound <= best * (1 + 1e-12), $"{metric}, {assigned} assigned: bound {bound:R} > best completion {best:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Without_joins_the_bound_is_the_best_completion(int seed)
    {
        foreach (var (bound, best, assigned) in BoundsAlongRandomPrefixes(seed, withJoins: false, Metric.Carbon))
        {
            Assert.True(Math.Abs(bound - best) <= 1e-12 * best, $"{assigned} assigned: bound {bound:R}, best completion {best:R}");
        }
    }

    [Fact]
    public void Pop_restores_the_bound_before_the_push()
    {
        var problem = SyntheticProblems.Create(7, instances: 6, regions: 4);
        var space = Space(problem);
        var bound = new CompletionBound(space, Metric.Carbon);
        var placement = new int[6];
        var before = bound.Value;
        placement[0] = space.Allowed[0][^1];
        bound.Push(placement, 0, placement[0]);
        Assert.NotEqual(before, bound.Value);
        bound.Pop();
        Assert.Equal(before, bound.Value);
    }
}

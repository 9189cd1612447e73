using Tern.Solvers.Evaluation;

namespace Tern.Solvers.Algorithms;

/// <summary>Iterated local search, seeded: from the home placement, the best placement so far and random
/// starts, descend until nothing helps, then perturb a few instances and descend again. When ranking is a sum of
/// exact terms the descent is <see cref="ForestDescent"/>, which re-places every instance but the joins at once;
/// otherwise it moves one instance at a time to the region that improves the ranking most, a move judged by its
/// incremental change in O(calls of the instance) when ranking needs only exact cost and carbon.</summary>
public static class Heuristic
{
    /// <summary>Searches <paramref name="space"/> with the seeded random source.</summary>
    public static SearchOutcome Search(SearchSpace space, int seed, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        CoarseGrained.Search(space);
        var random = new Random(seed);
        if (ForestDescent.For(space) is { } forest)
        {
            return SearchForests(space, forest, random, stop);
        }
        var instances = space.Problem.Instances.Count;
        var starts = new List<int[]> { space.Evaluator.HomePlacement.ToArray() };
        if (space.Best is { } coarse)
        {
            starts.Add([.. coarse.Placement]);
        }
        var randomStarts = Math.Max(4, instances / 2);
        for (var k = 0; k < randomStarts; k++)
        {
            starts.Add([.. space.Allowed.Select(a => a[random.Next(a.Count)])]);
        }
        // A perturbation moves about a fifth of the instances (Caribou's learning rate), at least one.
        var kick = Math.Max(1, (int)(0.2 * instances));
        var kicksPerStart = space.Ranker.NeedsSimulation ? 4 : 20;
        foreach (var start in starts)
        {
            if (stop.IsCancellationRequested)
            {
                return new SearchOutcome(false, "stopped at the deadline; the best placement found is used");
            }
            var current = Descend(space, start, random);
            for (var k = 0; k < kicksPerStart && !stop.IsCancellationRequested; k++)
            {
                var perturbed = (int[])current.Placement.Clone();
                for (var m = 0; m < kick; m++)
                {
                    var i = random.Next(instances);
                    perturbed[i] = space.Allowed[i][random.Next(space.Allowed[i].Count)];
                }
                var next = Descend(space, perturbed, random);
                if (Better(space, next, current))
                {
                    current = next;
                }
            }
        }
        return new SearchOutcome(ProvenOptimal: false);
    }

    // Each descent re-places all instances but the joins together, so a few starts suffice, and a perturbation moves
    // joins only: moving any other instance would be undone by the next descent.
    private static SearchOutcome SearchForests(SearchSpace space, ForestDescent forest, Random random, CancellationToken stop)
    {
        const int RandomStarts = 1;
        const int KicksPerStart = 6;
        var joins = forest.Joins;
        // Each descent re-places every instance but the joins, so where it starts matters little: the best so far
        // (the best single region, or what branch and bound left) and one random start.
        List<int[]> starts = [[.. space.Best!.Placement]];
        for (var k = 0; k < RandomStarts; k++)
        {
            starts.Add([.. space.Allowed.Select(a => a[random.Next(a.Count)])]);
        }
        var kick = Math.Max(1, (int)(0.2 * joins.Count));
        foreach (var start in starts)
        {
            if (stop.IsCancellationRequested)
            {
                return new SearchOutcome(false, "stopped at the deadline; the best placement found is used");
            }
            var (cost, carbon) = forest.Descend(start);
            for (var k = 0; k < KicksPerStart && joins.Count > 0 && !stop.IsCancellationRequested; k++)
            {
                var perturbed = (int[])start.Clone();
                for (var m = 0; m < kick; m++)
                {
                    var j = joins[random.Next(joins.Count)];
                    perturbed[j] = space.Allowed[j][random.Next(space.Allowed[j].Count)];
                }
                var (kickedCost, kickedCarbon) = forest.Descend(perturbed);
                if (space.Ranker.CompareExact(kickedCost, kickedCarbon, cost, carbon) < 0)
                {
                    (cost, carbon) = (kickedCost, kickedCarbon);
                    perturbed.CopyTo(start, 0);
                }
            }
        }
        return new SearchOutcome(ProvenOptimal: false);
    }

    private sealed record Point(int[] Placement, Estimate Estimate, int HardViolations);

    private static Point Descend(SearchSpace space, int[] start, Random random) =>
        space.Ranker.NeedsSimulation ? DescendSimulated(space, start, random) : DescendExact(space, start, random);

    // Ranking needs only exact cost and carbon: one placement is moved in place and every move is judged by
    // its incremental change, so a descent allocates nothing but its result.
    private static Point DescendExact(SearchSpace space, int[] start, Random random)
    {
        var exact = space.Evaluator.Exact;
        var ranker = space.Ranker;
        var placement = (int[])start.Clone();
        var (cost, carbon) = exact.Evaluate(placement);
        space.Offer(placement, SearchSpace.ExactOnly(cost, carbon));
        var order = Enumerable.Range(0, placement.Length).ToArray();
        var improved = true;
        while (improved)
        {
            improved = false;
            random.Shuffle(order);
            foreach (var i in order)
            {
                var (bestRegion, bestCost, bestCarbon) = (placement[i], cost, carbon);
                foreach (var region in space.Allowed[i])
                {
                    if (region == placement[i])
                    {
                        continue;
                    }
                    var (deltaCost, deltaCarbon) = exact.Delta(placement, i, region);
                    var (movedCost, movedCarbon) = (cost + deltaCost, carbon + deltaCarbon);
                    space.OfferMove(placement, i, region, movedCost, movedCarbon);
                    if (ranker.CompareExact(movedCost, movedCarbon, bestCost, bestCarbon) < 0)
                    {
                        (bestRegion, bestCost, bestCarbon) = (region, movedCost, movedCarbon);
                    }
                }
                if (bestRegion != placement[i])
                {
                    (placement[i], cost, carbon) = (bestRegion, bestCost, bestCarbon);
                    improved = true;
                }
            }
        }
        return new Point(placement, SearchSpace.ExactOnly(cost, carbon), 0);
    }

    private static Point DescendSimulated(SearchSpace space, int[] start, Random random)
    {
        var current = Evaluate(space, start);
        var order = Enumerable.Range(0, start.Length).ToArray();
        var improved = true;
        while (improved)
        {
            improved = false;
            random.Shuffle(order);
            foreach (var i in order)
            {
                var best = current;
                foreach (var region in space.Allowed[i])
                {
                    if (region == current.Placement[i])
                    {
                        continue;
                    }
                    var candidate = Move(space, current, i, region);
                    if (candidate is not null && Better(space, candidate, best))
                    {
                        best = candidate;
                    }
                }
                if (!ReferenceEquals(best, current))
                {
                    current = best;
                    improved = true;
                }
            }
        }
        return current;
    }

    // Null when the move cannot help: judged on its exact figures, it cannot rank before the current point.
    private static Point? Move(SearchSpace space, Point from, int instance, int region)
    {
        var placement = (int[])from.Placement.Clone();
        placement[instance] = region;
        var (cost, carbon) = space.Evaluator.Exact.Delta(from.Placement, instance, region);
        var estimate = from.Estimate with { CostUsd = from.Estimate.CostUsd + cost, CarbonGrams = from.Estimate.CarbonGrams + carbon };
        if (from.HardViolations == 0 && !space.Ranker.MightRankBefore(estimate, from.Estimate))
        {
            return null;
        }
        return Evaluate(space, placement);
    }

    private static Point Evaluate(SearchSpace space, int[] placement)
    {
        var estimate = space.Offer(placement);
        return new Point(placement, estimate, space.Ranker.HardViolationCount(estimate));
    }

    // Feasibility first, so a search that starts outside the hard bounds walks back into them.
    private static bool Better(SearchSpace space, Point a, Point b) =>
        a.HardViolations != b.HardViolations ? a.HardViolations < b.HardViolations : space.Ranker.Compare(a.Estimate, b.Estimate) < 0;
}

using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>What every algorithm searches with for one time key: the allowed regions per instance, the
/// evaluator and the ranker, and the best candidate that keeps the hard bounds so far.</summary>
public sealed class SearchSpace
{
    /// <summary>Creates the space of one time key.</summary>
    public SearchSpace(PlanningProblem problem, PlacementEvaluator evaluator, Ranker ranker)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Evaluator = evaluator ?? throw new ArgumentNullException(nameof(evaluator));
        Ranker = ranker ?? throw new ArgumentNullException(nameof(ranker));
        Allowed = [.. problem.Instances.Select(i => (IReadOnlyList<int>)[.. i.AllowedRegions.Distinct().Order()])];
    }

    /// <summary>The problem.</summary>
    public PlanningProblem Problem { get; }

    /// <summary>The evaluator of this time key.</summary>
    public PlacementEvaluator Evaluator { get; }

    /// <summary>The ranker of this time key.</summary>
    public Ranker Ranker { get; }

    /// <summary>Allowed region indices per instance, ascending.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Allowed { get; }

    /// <summary>The best candidate that keeps every hard bound, or null when none has been seen.</summary>
    public Candidate? Best { get; private set; }

    /// <summary>Number of placements in the space.</summary>
    public double Size => Allowed.Aggregate(1.0, (size, regions) => size * regions.Count);

    /// <summary>The figures ranking needs: exact cost and carbon, and the Monte Carlo figures only when
    /// a bound or the priority order involves them (otherwise they are NaN and never compared); the carbon
    /// tail only under a hard bound on carbon.</summary>
    public Estimate Estimate(IReadOnlyList<int> placement)
    {
        if (Ranker.NeedsSimulation)
        {
            return Ranker.NeedsCarbonTail ? Evaluator.Evaluate(placement) : Evaluator.Screen(placement);
        }
        var (cost, carbon) = Evaluator.Exact.Evaluate(placement);
        return ExactOnly(cost, carbon);
    }

    /// <summary>The figures of a placement known only by its exact cost and carbon (the Monte Carlo ones are NaN).</summary>
    public static Estimate ExactOnly(double costUsd, double carbonGrams) =>
        new(costUsd, carbonGrams, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN);

    /// <summary>Evaluates <paramref name="placement"/> and keeps it when it keeps the hard bounds and ranks
    /// before the best so far. Returns its figures.</summary>
    public Estimate Offer(IReadOnlyList<int> placement)
    {
        var estimate = Estimate(placement);
        Offer(placement, estimate);
        return estimate;
    }

    /// <summary>Complete placements offered so far.</summary>
    public long Offers { get; private set; }

    /// <summary>Keeps an already evaluated candidate when it is feasible and better than the best so far.</summary>
    public bool Offer(IReadOnlyList<int> placement, Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Offers++;
        if (Ranker.HardViolationCount(estimate) > 0)
        {
            return false;
        }
        if (Best is null || Ranker.Compare(estimate, Best.Estimate) < 0)
        {
            Best = new Candidate([.. placement], estimate);
            return true;
        }
        return false;
    }

    /// <summary>Offers <paramref name="placement"/> with <paramref name="instance"/> moved to <paramref name="region"/>,
    /// known by its exact cost and carbon, when ranking needs nothing else (no hard bounds: see
    /// <see cref="Ranker.NeedsSimulation"/>). Copies the placement only when it becomes the best, so a search can
    /// offer every move it looks at without allocating.</summary>
    public void OfferMove(int[] placement, int instance, int region, double costUsd, double carbonGrams)
    {
        ArgumentNullException.ThrowIfNull(placement);
        if (Ranker.NeedsSimulation)
        {
            throw new InvalidOperationException("OfferMove judges by exact cost and carbon alone, but this ranking needs the Monte Carlo figures; " +
                "use Offer.");
        }
        Offers++;
        if (Best is null || Ranker.CompareExact(costUsd, carbonGrams, Best.Estimate.CostUsd, Best.Estimate.CarbonGrams) < 0)
        {
            var moved = (int[])placement.Clone();
            moved[instance] = region;
            Best = new Candidate(moved, ExactOnly(costUsd, carbonGrams));
        }
    }

    /// <summary>Every instance in <paramref name="region"/>, or null when some instance may not run there.</summary>
    public int[]? Uniform(int region) =>
        Allowed.All(a => a.Contains(region)) ? [.. Enumerable.Repeat(region, Allowed.Count)] : null;
}

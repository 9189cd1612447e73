using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>Caribou's ranking (its ranker.py and deployment_algorithm.py) without its defects: a candidate that breaks a
/// hard bound on a tail figure is out; the rest rank by the number of soft bounds (on means) they break,
/// then by the means in priority order. Relative bounds are percentages of the home placement's figure.</summary>
public sealed class Ranker
{
    private readonly ConstraintSet _constraints;
    private readonly Estimate _home;
    private readonly Metric[] _order;
    // The soft bounds as absolute limits, worked out once: searches compare millions of candidates.
    private readonly (Metric Metric, double Limit)[] _softLimits;

    /// <summary>A ranker for one time key, relative to the home placement's <paramref name="home"/> figures.</summary>
    public Ranker(ConstraintSet constraints, Estimate home)
    {
        _constraints = constraints ?? throw new ArgumentNullException(nameof(constraints));
        _home = home ?? throw new ArgumentNullException(nameof(home));
        _order = [.. constraints.FullPriority];
        _softLimits = [.. constraints.Soft.Select(s => (s.Key, s.Value.LimitFor(Mean(home, s.Key))))];
        NeedsSimulation = constraints.Hard.Count > 0 || constraints.Soft.ContainsKey(Metric.Runtime) || _order[0] == Metric.Runtime;
        NeedsCarbonTail = constraints.Hard.ContainsKey(Metric.Carbon);
    }

    /// <summary>The metrics in ranking order.</summary>
    public IReadOnlyList<Metric> Order => _order;

    /// <summary>True when ranking needs the Monte Carlo figures, not only exact cost and carbon.</summary>
    public bool NeedsSimulation { get; }

    /// <summary>True when ranking needs the carbon tail (a hard bound on carbon), which each time key must simulate
    /// afresh; otherwise <see cref="PlacementEvaluator.Screen"/> serves the Monte Carlo figures.</summary>
    public bool NeedsCarbonTail { get; }

    /// <summary>The hard bounds <paramref name="estimate"/> breaks, as text; empty when it keeps them all.</summary>
    public IReadOnlyList<string> HardViolations(Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var broken = new List<string>();
        foreach (var (metric, bound) in _constraints.Hard)
        {
            var value = Tail(estimate, metric);
            var limit = bound.LimitFor(Tail(_home, metric));
            if (value > limit)
            {
                broken.Add($"p95 {Describe(metric)} {Format(metric, value)} > limit {Format(metric, limit)}");
            }
        }
        return broken;
    }

    /// <summary>Number of soft bounds <paramref name="estimate"/> breaks.</summary>
    public int SoftViolations(Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return SoftViolations(Means.Of(estimate));
    }

    /// <summary>Number of hard bounds <paramref name="estimate"/> breaks; as <see cref="HardViolations"/>, without the text.</summary>
    public int HardViolationCount(Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var broken = 0;
        foreach (var (metric, bound) in _constraints.Hard)
        {
            broken += Tail(estimate, metric) > bound.LimitFor(Tail(_home, metric)) ? 1 : 0;
        }
        return broken;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/> (both must keep the hard bounds).</summary>
    public int Compare(Estimate a, Estimate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(Means.Of(a), Means.Of(b));
    }

    /// <summary>As <see cref="Compare(Estimate, Estimate)"/> for two placements known only by their exact cost and
    /// carbon; the whole ranking when <see cref="NeedsSimulation"/> is false. Allocates nothing.</summary>
    public int CompareExact(double costA, double carbonA, double costB, double carbonB) =>
        Compare(new Means(costA, carbonA, double.NaN), new Means(costB, carbonB, double.NaN));

    private int Compare(Means a, Means b)
    {
        var bySoft = SoftViolations(a).CompareTo(SoftViolations(b));
        if (bySoft != 0)
        {
            return bySoft;
        }
        foreach (var metric in _order)
        {
            var byMetric = a.Of(metric).CompareTo(b.Of(metric));
            if (byMetric != 0)
            {
                return byMetric;
            }
        }
        return 0;
    }

    private int SoftViolations(Means means)
    {
        var broken = 0;
        foreach (var (metric, limit) in _softLimits)
        {
            broken += means.Of(metric) > limit ? 1 : 0;
        }
        return broken;
    }

    /// <summary>False when <paramref name="candidate"/> cannot rank before <paramref name="current"/> whatever its
    /// Monte Carlo figures turn out to be, judging only its exact cost and carbon; lets a search skip
    /// simulating moves that cannot help.</summary>
    public bool MightRankBefore(Estimate candidate, Estimate current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        if (_order[0] == Metric.Runtime || _constraints.Soft.ContainsKey(Metric.Runtime))
        {
            return true;
        }
        var bySoft = SoftViolations(candidate).CompareTo(SoftViolations(current));
        return bySoft != 0 ? bySoft < 0 : Mean(candidate, _order[0]) <= Mean(current, _order[0]);
    }

    /// <summary>The mean of a metric.</summary>
    public static double Mean(Estimate estimate, Metric metric) => metric switch
    {
        Metric.Carbon => estimate.CarbonGrams,
        Metric.Cost => estimate.CostUsd,
        _ => estimate.RuntimeMeanSeconds,
    };

    /// <summary>The tail (95th percentile) of a metric.</summary>
    public static double Tail(Estimate estimate, Metric metric) => metric switch
    {
        Metric.Carbon => estimate.CarbonP95Grams,
        Metric.Cost => estimate.CostP95Usd,
        _ => estimate.RuntimeP95Seconds,
    };

    /// <summary>The soft bound of a metric as an absolute limit, or +∞ when there is none.</summary>
    public double SoftLimit(Metric metric) =>
        _constraints.Soft.TryGetValue(metric, out var bound) ? bound.LimitFor(Mean(_home, metric)) : double.PositiveInfinity;

    // The three means ranking compares; a value type so comparing allocates nothing.
    private readonly record struct Means(double Cost, double Carbon, double Runtime)
    {
        public static Means Of(Estimate estimate) => new(estimate.CostUsd, estimate.CarbonGrams, estimate.RuntimeMeanSeconds);

        public double Of(Metric metric) => metric switch
        {
            Metric.Carbon => Carbon,
            Metric.Cost => Cost,
            _ => Runtime,
        };
    }

    private static string Describe(Metric metric) => metric switch
    {
        Metric.Carbon => "carbon",
        Metric.Cost => "cost",
        _ => "run time",
    };

    private static string Format(Metric metric, double value) => metric switch
    {
        Metric.Carbon => $"{value:0.####} g",
        Metric.Cost => $"${value:0.########}",
        _ => $"{value:0.###} s",
    };
}

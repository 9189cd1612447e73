using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>Exact expected cost and carbon per invocation of any placement for one time key. Whether an
/// instance runs or a call happens does not depend on where things run, so the expectation is a sum of
/// per-instance terms (weighted by the probability it runs) and per-call terms (weighted by the
/// probability it happens). The tables are built once; a placement then costs O(instances + calls), and
/// moving one instance costs O(its calls).</summary>
public sealed class ExactMetrics
{
    private readonly int _regions;
    private readonly double[] _unaryCost;
    private readonly double[] _unaryCarbon;
    private readonly PairTerms _pairCost;
    private readonly PairTerms _pairCarbon;
    private readonly int[][] _edgesOf;
    private readonly IReadOnlyList<EdgeModel> _edges;
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;

    internal ExactMetrics(PlanningProblem problem, IReadOnlyList<ResolvedInstance> resolved, CostCarbonRates rates,
        InvocationProbabilities probabilities)
    {
        _regions = problem.Regions.Count;
        _edges = problem.Edges;
        FixedCarbonGrams = problem.FixedCarbonGrams;
        var instances = problem.Instances.Count;
        _unaryCost = new double[instances * _regions];
        _unaryCarbon = new double[instances * _regions];
        for (var i = 0; i < instances; i++)
        {
            for (var r = 0; r < _regions; r++)
            {
                var k = i * _regions + r;
                var seconds = resolved[i].RuntimeMean[r];
                _unaryCost[k] = probabilities.Instance[i] * (rates.CostPerSecond[k] * seconds + rates.CostPerRun[k]);
                var untrackedGrams = rates.CarbonPerUntrackedGb[k] * resolved[i].UntrackedGb[r];
                _unaryCarbon[k] = probabilities.Instance[i] * (rates.CarbonPerSecond[k] * seconds + untrackedGrams);
            }
        }
        var perGb = new double[_edges.Count];
        var perMessage = new double[_edges.Count];
        for (var e = 0; e < _edges.Count; e++)
        {
            perGb[e] = probabilities.Edge[e] * _edges[e].PayloadGb.Average();
            perMessage[e] = probabilities.Edge[e] * _edges[e].PayloadGb.Average(CostCarbonRates.Messages);
        }
        _pairCost = new PairTerms(perGb, rates.CostPerGb, perMessage, rates.MessageUsd);
        // Storage per GB of payload is the same wherever the instances run.
        FixedCostUsd = problem.FixedCostUsd + Enumerable.Range(0, _edges.Count).Sum(e => perGb[e] * _edges[e].StorageUsdPerGb);
        _pairCarbon = new PairTerms(perGb, rates.CarbonPerGb, perMessage, new double[_regions]);
        _edgeFrom = [.. _edges.Select(e => e.From)];
        _edgeTo = [.. _edges.Select(e => e.To)];
        _edgesOf = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0,
            _edges.Count).Where(e => _edges[e].From == i || _edges[e].To == i).ToArray())];
    }

    /// <summary>Placement-independent cost per invocation, USD.</summary>
    public double FixedCostUsd { get; }

    /// <summary>Placement-independent carbon per invocation, gCO2e.</summary>
    public double FixedCarbonGrams { get; }

    /// <summary>Expected cost (USD) and carbon (gCO2e) per invocation of <paramref name="placement"/>.</summary>
    public (double CostUsd, double CarbonGrams) Evaluate(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        double cost = FixedCostUsd, carbon = FixedCarbonGrams;
        for (var i = 0; i < placement.Count; i++)
        {
            cost += _unaryCost[i * _regions + placement[i]];
            carbon += _unaryCarbon[i * _regions + placement[i]];
        }
        for (var e = 0; e < _edges.Count; e++)
        {
            var (from, to) = (placement[_edgeFrom[e]], placement[_edgeTo[e]]);
            cost += _pairCost[e, from, to];
            carbon += _pairCarbon[e, from, to];
        }
        return (cost, carbon);
    }

    /// <summary>Change in (cost, carbon) when instance <paramref name="instance"/> moves to <paramref name="region"/>.</summary>
    /// <remarks>A span, not a list: a local search calls this millions of times per plan.</remarks>
    public (double CostUsd, double CarbonGrams) Delta(ReadOnlySpan<int> placement, int instance, int region)
    {
        var old = placement[instance];
        var cost = Unary(_unaryCost, instance, region) - Unary(_unaryCost, instance, old);
        var carbon = Unary(_unaryCarbon, instance, region) - Unary(_unaryCarbon, instance, old);
        foreach (var e in _edgesOf[instance])
        {
            var (edgeFrom, edgeTo) = (_edgeFrom[e], _edgeTo[e]);
            var from = placement[edgeFrom];
            var to = placement[edgeTo];
            var (movedFrom, movedTo) = (edgeFrom == instance ? region : from, edgeTo == instance ? region : to);
            cost += _pairCost[e, movedFrom, movedTo] - _pairCost[e, from, to];
            carbon += _pairCarbon[e, movedFrom, movedTo] - _pairCarbon[e, from, to];
        }
        return (cost, carbon);
    }

    /// <summary>The per-instance terms of a metric, [instance * R + region]; shared, not copied: read only.</summary>
    internal double[] UnaryTable(Metric metric) => metric == Metric.Cost ? _unaryCost : _unaryCarbon;

    /// <summary>The per-call terms of a metric.</summary>
    internal PairTerms PairTable(Metric metric) => metric == Metric.Cost ? _pairCost : _pairCarbon;

    private double Unary(double[] table, int instance, int region) => table[instance * _regions + region];
}

using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>A descent for rankings that are sums of exact terms (no soft bound, first priority cost or carbon), far
/// stronger than moving one instance at a time. Every instance but a join has at most one caller, so with the joins'
/// regions fixed the other instances form a forest, and the placement of all of them that ranks first is found at
/// once by dynamic programming from the leaves up; then each join moves to its best region given the rest. Neither
/// step can make the placement rank later, so repeating them until neither helps ends in a placement that no change
/// of the non-join instances together, nor of one join, improves. Without joins the first step is the optimum.</summary>
internal sealed class ForestDescent
{
    private readonly SearchSpace _space;
    private readonly int _regions;
    private readonly double[] _unaryFirst;
    private readonly double[] _unarySecond;
    private readonly PairTerms _pairFirst;
    private readonly PairTerms _pairSecond;
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;
    private readonly int[][] _incoming;
    private readonly int[][] _outgoing;
    private readonly bool[] _free;
    private readonly bool _costFirst;
    // Best figures of an instance's subtree per region [instance * R + region]; of a tree call per caller region
    // [edge * R + region], with the callee region that gives them.
    private readonly double[] _subtreeFirst;
    private readonly double[] _subtreeSecond;
    private readonly double[] _callFirst;
    private readonly double[] _callSecond;
    private readonly int[] _callChoice;

    private ForestDescent(SearchSpace space)
    {
        _space = space;
        var problem = space.Problem;
        var exact = space.Evaluator.Exact;
        _regions = problem.Regions.Count;
        _costFirst = space.Ranker.Order[0] == Metric.Cost;
        var (first, second) = _costFirst ? (Metric.Cost, Metric.Carbon) : (Metric.Carbon, Metric.Cost);
        (_unaryFirst, _unarySecond) = (exact.UnaryTable(first), exact.UnaryTable(second));
        (_pairFirst, _pairSecond) = (exact.PairTable(first), exact.PairTable(second));
        var instances = problem.Instances.Count;
        var edges = problem.Edges;
        _edgeFrom = [.. edges.Select(e => e.From)];
        _edgeTo = [.. edges.Select(e => e.To)];
        _incoming = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0, edges.Count).Where(e => _edgeTo[e] == i).ToArray())];
        _outgoing = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0, edges.Count).Where(e => _edgeFrom[e] == i).ToArray())];
        _free = [.. _incoming.Select(calls => calls.Length <= 1)];
        _subtreeFirst = new double[instances * _regions];
        _subtreeSecond = new double[instances * _regions];
        _callFirst = new double[edges.Count * _regions];
        _callSecond = new double[edges.Count * _regions];
        _callChoice = new int[edges.Count * _regions];
    }

    /// <summary>Joins: instances with more than one caller.</summary>
    public IReadOnlyList<int> Joins => [.. Enumerable.Range(0, _free.Length).Where(i => !_free[i])];

    /// <summary>The descent of <paramref name="space"/>, or null when its ranking is not a sum of exact terms.</summary>
    public static ForestDescent? For(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var ranker = space.Ranker;
        var separable = !ranker.NeedsSimulation && double.IsPositiveInfinity(ranker.SoftLimit(Metric.Cost))
            && double.IsPositiveInfinity(ranker.SoftLimit(Metric.Carbon)) && double.IsPositiveInfinity(ranker.SoftLimit(Metric.Runtime));
        return separable ? new ForestDescent(space) : null;
    }

    /// <summary>Descends from <paramref name="placement"/>, in place, offering what it reaches; returns its exact cost and carbon.</summary>
    public (double CostUsd, double CarbonGrams) Descend(int[] placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var exact = _space.Evaluator.Exact;
        var best = (int[])placement.Clone();
        var (cost, carbon) = exact.Evaluate(best);
        var joinsMoved = true;
        while (joinsMoved)
        {
            SolveForest(placement);
            // When no join moves, solving the forest again would give the same placement.
            joinsMoved = MoveJoins(placement);
            var (movedCost, movedCarbon) = exact.Evaluate(placement);
            if (_space.Ranker.CompareExact(movedCost, movedCarbon, cost, carbon) >= 0)
            {
                break;
            }
            placement.CopyTo(best, 0);
            (cost, carbon) = (movedCost, movedCarbon);
        }
        best.CopyTo(placement, 0);
        _space.Offer(placement, SearchSpace.ExactOnly(cost, carbon));
        return (cost, carbon);
    }

    // With the joins fixed, a call into or out of a join is a term of its other end alone; the rest are tree calls.
    private void SolveForest(int[] placement)
    {
        var r = _regions;
        for (var i = _free.Length - 1; i >= 0; i--)
        {
            if (!_free[i])
            {
                continue;
            }
            foreach (var region in _space.Allowed[i])
            {
                double first = _unaryFirst[i * r + region], second = _unarySecond[i * r + region];
                foreach (var e in _outgoing[i])
                {
                    if (_free[_edgeTo[e]])
                    {
                        (first, second) = (first + _callFirst[e * r + region], second + _callSecond[e * r + region]);
                    }
                    else
                    {
                        var join = placement[_edgeTo[e]];
                        (first, second) = (first + _pairFirst[e, region, join], second + _pairSecond[e, region, join]);
                    }
                }
                if (_incoming[i] is [var parentCall] && !_free[_edgeFrom[parentCall]])
                {
                    var join = placement[_edgeFrom[parentCall]];
                    (first, second) = (first + _pairFirst[parentCall, join, region], second + _pairSecond[parentCall, join, region]);
                }
                (_subtreeFirst[i * r + region], _subtreeSecond[i * r + region]) = (first, second);
            }
            if (_incoming[i] is [var call] && _free[_edgeFrom[call]])
            {
                foreach (var from in _space.Allowed[_edgeFrom[call]])
                {
                    var (bestFirst, bestSecond, choice) = (double.PositiveInfinity, double.PositiveInfinity, -1);
                    foreach (var to in _space.Allowed[i])
                    {
                        var first = _pairFirst[call, from, to] + _subtreeFirst[i * r + to];
                        var second = _pairSecond[call, from, to] + _subtreeSecond[i * r + to];
                        if (first < bestFirst || (first == bestFirst && second < bestSecond))
                        {
                            (bestFirst, bestSecond, choice) = (first, second, to);
                        }
                    }
                    (_callFirst[call * r + from], _callSecond[call * r + from], _callChoice[call * r + from]) = (bestFirst, bestSecond, choice);
                }
            }
        }
        for (var i = 0; i < _free.Length; i++)
        {
            if (!_free[i])
            {
                continue;
            }
            if (_incoming[i] is [var call] && _free[_edgeFrom[call]])
            {
                placement[i] = _callChoice[call * r + placement[_edgeFrom[call]]];
                continue;
            }
            var (bestFirst, bestSecond) = (double.PositiveInfinity, double.PositiveInfinity);
            foreach (var region in _space.Allowed[i])
            {
                var (first, second) = (_subtreeFirst[i * r + region], _subtreeSecond[i * r + region]);
                if (first < bestFirst || (first == bestFirst && second < bestSecond))
                {
                    (bestFirst, bestSecond, placement[i]) = (first, second, region);
                }
            }
        }
    }

    // True when a join moved.
    private bool MoveJoins(int[] placement)
    {
        var exact = _space.Evaluator.Exact;
        var moved = false;
        for (var j = 0; j < _free.Length; j++)
        {
            if (_free[j])
            {
                continue;
            }
            var (bestRegion, bestFirst, bestSecond) = (placement[j], 0.0, 0.0);
            foreach (var region in _space.Allowed[j])
            {
                var (cost, carbon) = exact.Delta(placement, j, region);
                var (first, second) = _costFirst ? (cost, carbon) : (carbon, cost);
                if (first < bestFirst || (first == bestFirst && second < bestSecond))
                {
                    (bestRegion, bestFirst, bestSecond) = (region, first, second);
                }
            }
            moved |= bestRegion != placement[j];
            placement[j] = bestRegion;
        }
        return moved;
    }
}

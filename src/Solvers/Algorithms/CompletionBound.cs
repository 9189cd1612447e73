using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>A lower bound of one exact metric (expected cost or carbon) over every completion of a placement whose
/// first instances, in index order, are assigned. The metric is a sum of per-instance and per-call terms. Each
/// instance but the entry keeps one of its calls as its "tree" call (a join's other calls are set aside), which
/// makes the instances a forest; on a forest the minimum over all completions is found exactly by dynamic
/// programming from the leaves up. A call set aside is charged to its caller at its cheapest over the callee's
/// regions. Dropping that coupling only lowers the minimum, so the bound never exceeds the best completion, and it
/// equals it when the workflow has no joins. Kept incrementally: assigning an instance replaces the minima that
/// stood for it by its exact terms.</summary>
internal sealed class CompletionBound
{
    private readonly int _regions;
    private readonly double[] _unary;
    private readonly PairTerms _pair;
    private readonly int[] _edgeFrom;
    private readonly int[] _treeEdge;
    private readonly int[][] _asideIn;
    // Minimum over all completions of an instance's subtree when it runs in a region, [instance * R + region].
    private readonly double[] _subtree;
    // Minimum over the callee's regions of a tree call's term plus the callee's subtree, [edge * R + caller region].
    private readonly double[] _viaCall;
    private readonly double[] _rootMin;
    // The cheapest term of a call set aside given its caller's region, [edge * R + region].
    private readonly double[] _asideFrom;
    private readonly Stack<double> _history = new();

    /// <summary>The bound of <paramref name="metric"/> (cost or carbon) for the space's time key, with nothing assigned.</summary>
    public CompletionBound(SearchSpace space, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(space);
        var problem = space.Problem;
        var exact = space.Evaluator.Exact;
        var allowed = space.Allowed;
        var instances = problem.Instances.Count;
        var edges = problem.Edges;
        _regions = problem.Regions.Count;
        Metric = metric;
        _unary = exact.UnaryTable(metric);
        _pair = exact.PairTable(metric);
        _edgeFrom = [.. edges.Select(e => e.From)];
        _treeEdge = [.. Enumerable.Range(0, instances).Select(i => TreeEdge(edges, allowed, i))];
        int[][] Calls(Func<int, int, bool> keep) =>
            [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0, edges.Count).Where(e => keep(i, e)).ToArray())];
        _asideIn = Calls((i, e) => edges[e].To == i && _treeEdge[i] != e);
        var asideOut = Calls((i, e) => edges[e].From == i && _treeEdge[edges[e].To] != e);
        _asideFrom = new double[edges.Count * _regions];
        _subtree = new double[instances * _regions];
        _viaCall = new double[edges.Count * _regions];
        _rootMin = new double[instances];
        var treeCalls = Calls((i, e) => edges[e].From == i && _treeEdge[edges[e].To] == e);
        var value = metric == Metric.Cost ? exact.FixedCostUsd : exact.FixedCarbonGrams;
        for (var i = instances - 1; i >= 0; i--)
        {
            foreach (var e in treeCalls[i])
            {
                var callee = edges[e].To;
                foreach (var a in allowed[i])
                {
                    _viaCall[e * _regions + a] = allowed[callee].Min(b => _pair[e, a, b] + _subtree[callee * _regions + b]);
                }
            }
            foreach (var e in asideOut[i])
            {
                foreach (var a in allowed[i])
                {
                    _asideFrom[e * _regions + a] = allowed[edges[e].To].Min(b => _pair[e, a, b]);
                }
            }
            foreach (var r in allowed[i])
            {
                _subtree[i * _regions + r] = _unary[i * _regions + r] + treeCalls[i].Sum(e => _viaCall[e * _regions + r])
                    + asideOut[i].Sum(e => _asideFrom[e * _regions + r]);
            }
            if (_treeEdge[i] < 0)
            {
                _rootMin[i] = allowed[i].Min(r => _subtree[i * _regions + r]);
                value += _rootMin[i];
            }
        }
        Value = value;
    }

    /// <summary>The metric bounded.</summary>
    public Metric Metric { get; }

    /// <summary>The current lower bound.</summary>
    public double Value { get; private set; }

    /// <summary>How much assigning <paramref name="region"/> to <paramref name="instance"/> raises the bound, when the
    /// instances before it are assigned in <paramref name="placement"/>.</summary>
    public double Increase(int[] placement, int instance, int region)
    {
        var r = _regions;
        double increase;
        if (_treeEdge[instance] is var tree and >= 0)
        {
            var from = placement[_edgeFrom[tree]];
            increase = _pair[tree, from, region] + _subtree[instance * r + region] - _viaCall[tree * r + from];
        }
        else
        {
            increase = _subtree[instance * r + region] - _rootMin[instance];
        }
        foreach (var e in _asideIn[instance])
        {
            var from = placement[_edgeFrom[e]];
            increase += _pair[e, from, region] - _asideFrom[e * r + from];
        }
        return increase;
    }

    /// <summary>Assigns the next instance.</summary>
    public void Push(int[] placement, int instance, int region)
    {
        _history.Push(Value);
        Value += Increase(placement, instance, region);
    }

    /// <summary>Undoes the last <see cref="Push"/>.</summary>
    public void Pop() => Value = _history.Pop();

    // The call kept in the forest: the one whose term varies most with the regions, so setting the others aside loses
    // the least; -1 for an instance nobody calls (the entry).
    private int TreeEdge(IReadOnlyList<EdgeModel> edges, IReadOnlyList<IReadOnlyList<int>> allowed, int instance)
    {
        var best = -1;
        var widest = double.NegativeInfinity;
        for (var e = 0; e < edges.Count; e++)
        {
            if (edges[e].To != instance)
            {
                continue;
            }
            var terms = allowed[edges[e].From].SelectMany(a => allowed[instance].Select(b => _pair[e, a, b])).ToList();
            var width = terms.Max() - terms.Min();
            if (width > widest)
            {
                (best, widest) = (e, width);
            }
        }
        return best;
    }
}

using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>The exact optimum by branch and bound. Instances are assigned in topological order; a partial
/// placement is pruned when a lower bound proves every completion ranks after the best complete placement
/// found so far. The bound is admissible because expected cost and carbon are sums of per-instance and
/// per-call terms: the assigned terms are known and every unassigned term is at least its minimum over the
/// allowed regions. Only exact cost and carbon are bounded; run time is checked on complete placements.</summary>
public static class FineGrained
{
    /// <summary>Searches <paramref name="space"/> exhaustively up to pruning, seeded with the best single region.</summary>
    public static SearchOutcome Search(SearchSpace space, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        CoarseGrained.Search(space);
        var search = new BranchAndBound(space, stop);
        var completed = search.Run();
        return completed
            ? new SearchOutcome(ProvenOptimal: true)
            : new SearchOutcome(ProvenOptimal: false, "stopped at the deadline before the search was complete; the best placement found is used");
    }

    private sealed class BranchAndBound
    {
        private static readonly Metric[] Bounded = [Metric.Cost, Metric.Carbon];

        private readonly SearchSpace _space;
        private readonly CancellationToken _stop;
        private readonly int _instances;
        private readonly int[] _placement;
        private readonly Dictionary<Metric, Bounds> _bounds;
        private readonly Metric _primary;

        public BranchAndBound(SearchSpace space, CancellationToken stop)
        {
            _space = space;
            _stop = stop;
            _instances = space.Problem.Instances.Count;
            _placement = new int[_instances];
            _bounds = Bounded.ToDictionary(m => m, m => new Bounds(space, m));
            _primary = space.Ranker.Order[0];
        }

        public bool Run()
        {
            try
            {
                Assign(0);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private void Assign(int instance)
        {
            _stop.ThrowIfCancellationRequested();
            if (instance == _instances)
            {
                _space.Offer(_placement);
                return;
            }
            // Cheapest region first on the primary metric, so good incumbents come early and prune more.
            var ordering = _primary == Metric.Runtime ? Metric.Carbon : _primary;
            var regions = _space.Allowed[instance].OrderBy(r => _bounds[ordering].Increase(_placement, instance, r)).ToArray();
            foreach (var region in regions)
            {
                _placement[instance] = region;
                foreach (var bound in _bounds.Values)
                {
                    bound.Push(_placement, instance, region);
                }
                if (!Pruned())
                {
                    Assign(instance + 1);
                }
                foreach (var bound in _bounds.Values)
                {
                    bound.Pop();
                }
            }
        }

        private bool Pruned()
        {
            if (_space.Best is not { } best)
            {
                return false;
            }
            var ranker = _space.Ranker;
            var unavoidable = Bounded.Count(m => _bounds[m].Value > ranker.SoftLimit(m));
            var bestViolations = ranker.SoftViolations(best.Estimate);
            if (unavoidable != bestViolations)
            {
                return unavoidable > bestViolations;
            }
            return _primary != Metric.Runtime && _bounds[_primary].Value > Ranker.Mean(best.Estimate, _primary);
        }
    }

    /// <summary>A lower bound of one exact metric for partial placements assigned in index order,
    /// kept incrementally: pushing an assignment adds its exact terms and removes the minima it replaces.</summary>
    private sealed class Bounds
    {
        private readonly SearchSpace _space;
        private readonly Metric _metric;
        private readonly double[] _minUnary;
        private readonly double[] _minPair;
        private readonly double[][] _minPairFrom;
        private readonly Stack<double> _history = new();

        public Bounds(SearchSpace space, Metric metric)
        {
            _space = space;
            _metric = metric;
            var exact = space.Evaluator.Exact;
            var problem = space.Problem;
            _minUnary = [.. Enumerable.Range(0, problem.Instances.Count).Select(i => space.Allowed[i].Min(r => exact.Unary(metric, i, r)))];
            _minPairFrom = [.. Enumerable.Range(0, problem.Edges.Count).Select(e =>
                Enumerable.Range(0, problem.Regions.Count).Select(a =>
                    space.Allowed[problem.Edges[e].To].Min(b => exact.PairTerm(metric, e, a, b))).ToArray())];
            _minPair = [.. Enumerable.Range(0, problem.Edges.Count).Select(e => space.Allowed[problem.Edges[e].From].Min(a => _minPairFrom[e][a]))];
            Value = (metric == Metric.Cost ? exact.FixedCostUsd : exact.FixedCarbonGrams) + _minUnary.Sum() + _minPair.Sum();
        }

        /// <summary>The current lower bound.</summary>
        public double Value { get; private set; }

        /// <summary>How much assigning <paramref name="region"/> to <paramref name="instance"/> raises the bound.</summary>
        public double Increase(int[] placement, int instance, int region)
        {
            var exact = _space.Evaluator.Exact;
            var edges = _space.Problem.Edges;
            var increase = exact.Unary(_metric, instance, region) - _minUnary[instance];
            foreach (var e in exact.EdgesOf(instance))
            {
                increase += edges[e].To == instance
                    ? exact.PairTerm(_metric, e, placement[edges[e].From], region) - _minPairFrom[e][placement[edges[e].From]]
                    : _minPairFrom[e][region] - _minPair[e];
            }
            return increase;
        }

        public void Push(int[] placement, int instance, int region)
        {
            _history.Push(Value);
            Value += Increase(placement, instance, region);
        }

        public void Pop() => Value = _history.Pop();
    }
}

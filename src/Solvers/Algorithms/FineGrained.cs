using Tern.Solvers.Model;

namespace Tern.Solvers.Algorithms;

/// <summary>The exact optimum by branch and bound. Instances are assigned in topological order, each trying its
/// regions cheapest first; a partial placement is pruned when lower bounds (<see cref="CompletionBound"/>) of
/// expected cost and carbon prove that every completion ranks after the best complete placement found so far. Only
/// exact cost and carbon are bounded; run time is checked on complete placements.</summary>
public static class FineGrained
{
    // Bounds and figures are sums of the same terms in different orders, so they may differ in the last bits: a
    // partial placement is pruned only when its bound is above the best by more than that.
    private const double RoundingTolerance = 1e-12;

    /// <summary>Searches <paramref name="space"/> exhaustively up to pruning, seeded with the best single region and,
    /// when ranking is a sum of exact terms, a <see cref="ForestDescent"/> from it: the better the first incumbent,
    /// the more is pruned.</summary>
    public static SearchOutcome Search(SearchSpace space, CancellationToken stop = default) => Search(space, SearchBudget.Unlimited, stop);

    /// <summary>As <see cref="Search(SearchSpace, CancellationToken)"/>, giving up when <paramref name="budget"/> is spent
    /// (a deterministic limit, unlike <paramref name="stop"/>).</summary>
    public static SearchOutcome Search(SearchSpace space, SearchBudget budget, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(budget);
        CoarseGrained.Search(space);
        ForestDescent.For(space)?.Descend([.. space.Best!.Placement]);
        var search = new BranchAndBound(space, budget, stop);
        var stopped = search.Run();
        return stopped switch
        {
            null => new SearchOutcome(ProvenOptimal: true) { Nodes = search.Nodes },
            Stop.Deadline => new SearchOutcome(false, "stopped at the deadline before the search was complete; the best placement found is used")
            {
                Nodes = search.Nodes,
            },
            _ => new SearchOutcome(false, stopped == Stop.Nodes
                ? $"branch and bound exceeded its budget of {budget.Nodes} nodes"
                : $"branch and bound exceeded its budget of {budget.SimulatedRuns:G3} simulated function runs")
            {
                Nodes = search.Nodes,
                OutOfBudget = true,
            },
        };
    }

    private enum Stop
    {
        Nodes,
        SimulatedRuns,
        Deadline,
    }

    private sealed class Stopped(Stop why) : Exception
    {
        public Stop Why { get; } = why;
    }

    private sealed class BranchAndBound
    {
        private readonly SearchSpace _space;
        private readonly SearchBudget _budget;
        private readonly double _runsPerEvaluation;
        private readonly CancellationToken _stop;
        private readonly int[] _placement;
        private readonly Metric _primary;
        private readonly CompletionBound _ordering;
        // The bound of the other exact metric, kept only when a soft bound may need it.
        private readonly CompletionBound? _other;
        // Regions of each instance in the order they are tried, with the bound increase that orders them.
        private readonly (double Increase, int Region)[][] _tries;
        // With no soft bounds and an exact first priority, regions tried in order of increase are pruned from the
        // first pruned one on, so the rest need not be looked at.
        private readonly bool _prunesInOrder;

        public BranchAndBound(SearchSpace space, SearchBudget budget, CancellationToken stop)
        {
            _space = space;
            _budget = budget;
            _runsPerEvaluation = space.Ranker.NeedsSimulation ? (double)space.Evaluator.SampleCount * space.Problem.Instances.Count : 0;
            _stop = stop;
            _placement = new int[space.Problem.Instances.Count];
            _primary = space.Ranker.Order[0];
            var ordering = _primary == Metric.Cost ? Metric.Cost : Metric.Carbon;
            var other = ordering == Metric.Cost ? Metric.Carbon : Metric.Cost;
            _ordering = new CompletionBound(space, ordering);
            var ranker = space.Ranker;
            var softExact = !double.IsPositiveInfinity(ranker.SoftLimit(Metric.Cost)) || !double.IsPositiveInfinity(ranker.SoftLimit(Metric.Carbon));
            _other = softExact ? new CompletionBound(space, other) : null;
            _tries = [.. space.Allowed.Select(a => new (double, int)[a.Count])];
            _prunesInOrder = _primary != Metric.Runtime && !softExact && double.IsPositiveInfinity(ranker.SoftLimit(Metric.Runtime));
        }

        public long Nodes { get; private set; }

        /// <summary>Null when the search completed, else why it stopped.</summary>
        public Stop? Run()
        {
            try
            {
                Assign(0);
                return null;
            }
            catch (Stopped stopped)
            {
                return stopped.Why;
            }
        }

        private void Assign(int instance)
        {
            if (++Nodes > _budget.Nodes)
            {
                throw new Stopped(Stop.Nodes);
            }
            if (_stop.IsCancellationRequested)
            {
                throw new Stopped(Stop.Deadline);
            }
            if (instance == _placement.Length)
            {
                if (_space.Evaluator.Evaluations * _runsPerEvaluation > _budget.SimulatedRuns)
                {
                    throw new Stopped(Stop.SimulatedRuns);
                }
                _space.Offer(_placement);
                return;
            }
            var tries = _tries[instance];
            var allowed = _space.Allowed[instance];
            for (var k = 0; k < tries.Length; k++)
            {
                tries[k] = (_ordering.Increase(_placement, instance, allowed[k]), allowed[k]);
            }
            for (var k = 0; k < tries.Length; k++)
            {
                // Cheapest first, so good incumbents come early and prune more; ties by region index, so the order is
                // fixed. Picked one at a time rather than sorted: the first pruned region usually ends the loop.
                var cheapest = k;
                for (var j = k + 1; j < tries.Length; j++)
                {
                    cheapest = tries[j].CompareTo(tries[cheapest]) < 0 ? j : cheapest;
                }
                (tries[k], tries[cheapest]) = (tries[cheapest], tries[k]);
                var region = tries[k].Region;
                _placement[instance] = region;
                _ordering.Push(_placement, instance, region);
                _other?.Push(_placement, instance, region);
                var pruned = Pruned();
                if (!pruned)
                {
                    Assign(instance + 1);
                }
                _ordering.Pop();
                _other?.Pop();
                if (pruned && _prunesInOrder)
                {
                    break;
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
            var unavoidable = Unavoidable(_ordering) + (_other is null ? 0 : Unavoidable(_other));
            var bestViolations = ranker.SoftViolations(best.Estimate);
            if (unavoidable != bestViolations)
            {
                return unavoidable > bestViolations;
            }
            if (_primary == Metric.Runtime)
            {
                return false;
            }
            var bestValue = Ranker.Mean(best.Estimate, _primary);
            return _ordering.Value > bestValue + RoundingTolerance * Math.Abs(bestValue);
        }

        // 1 when every completion breaks the soft bound of the metric this bound is of.
        private int Unavoidable(CompletionBound bound) => bound.Value > _space.Ranker.SoftLimit(bound.Metric) ? 1 : 0;
    }
}

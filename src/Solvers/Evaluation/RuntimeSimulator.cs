using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>Simulates invocations of a placement on the shared random streams: the end-to-end run time
/// (the critical path, a join waiting for all its callers) and the realised cost and carbon of each sample.</summary>
internal sealed class RuntimeSimulator
{
    private readonly PlanningProblem _problem;
    private readonly CostCarbonRates _rates;
    private readonly RandomStreams _streams;
    private readonly double[][] _payloadSorted;
    private readonly int[][] _incoming;
    private readonly int[][] _outgoing;
    private readonly double[][][] _runtimeSorted;
    private readonly double[][][] _untracked;
    private readonly bool[][] _untrackedPaired;
    private readonly double[] _storageUsdPerGb;
    private readonly int[] _edgeTo;
    private readonly double[] _callAt;

    public RuntimeSimulator(PlanningProblem problem, IReadOnlyList<ResolvedInstance> resolved, CostCarbonRates rates, RandomStreams streams)
    {
        _problem = problem;
        _rates = rates;
        _streams = streams;
        _payloadSorted = [.. problem.Edges.Select(e => e.PayloadGb.Order().ToArray())];
        var instances = problem.Instances.Count;
        _incoming = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0,
            problem.Edges.Count).Where(e => problem.Edges[e].To == i).ToArray())];
        _outgoing = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0,
            problem.Edges.Count).Where(e => problem.Edges[e].From == i).ToArray())];
        _runtimeSorted = [.. resolved.Select(r => r.RuntimeSorted)];
        _untracked = [.. resolved.Select(r => r.UntrackedByRun)];
        _untrackedPaired = [.. resolved.Select(r => r.UntrackedPaired)];
        _storageUsdPerGb = [.. problem.Edges.Select(e => e.StorageUsdPerGb)];
        _edgeTo = [.. problem.Edges.Select(e => e.To)];
        _callAt = [.. problem.Edges.Select(e => e.CallAtFraction)];
    }

    /// <summary>Fills run time (s), cost (USD) and carbon (g) of samples [from, to) of <paramref name="placement"/>.</summary>
    public void Simulate(IReadOnlyList<int> placement, int from, int to, double[] runtime, double[] cost, double[] carbon)
    {
        // The inner loop runs millions of times per plan: everything it reads is a local array, not an interface.
        var instances = _runtimeSorted.Length;
        var edges = _edgeTo.Length;
        var regions = _rates.RegionCount;
        var (runs, happens, runtimeU, latencyU, payloadU) = (_streams.Runs, _streams.Happens, _streams.RuntimeU, _streams.LatencyU,
            _streams.PayloadU);
        var (costPerSecond, costPerRun) = (_rates.CostPerSecond, _rates.CostPerRun);
        var (carbonPerSecond, carbonPerUntrackedGb) = (_rates.CarbonPerSecond, _rates.CarbonPerUntrackedGb);
        var (costPerGb, carbonPerGb, messageUsd) = (_rates.CostPerGb, _rates.CarbonPerGb, _rates.MessageUsd);
        var latency = _problem.Latency;
        var where = placement as int[] ?? [.. placement];
        var arrival = new double[edges];
        for (var s = from; s < to; s++)
        {
            double makespan = 0, sampleCost = _problem.FixedCostUsd, sampleCarbon = _problem.FixedCarbonGrams;
            var runsAt = s * instances;
            var edgesAt = s * edges;
            for (var i = 0; i < instances; i++)
            {
                if (!runs[runsAt + i])
                {
                    continue;
                }
                var begin = 0.0;
                foreach (var e in _incoming[i])
                {
                    if (happens[edgesAt + e])
                    {
                        begin = Math.Max(begin, arrival[e]);
                    }
                }
                var region = where[i];
                var (seconds, untrackedGb) = DrawRun(i, region, runtimeU[runsAt + i]);
                makespan = Math.Max(makespan, begin + seconds);
                var k = i * regions + region;
                sampleCost += costPerSecond[k] * seconds + costPerRun[k];
                sampleCarbon += carbonPerSecond[k] * seconds + carbonPerUntrackedGb[k] * untrackedGb;
                foreach (var e in _outgoing[i])
                {
                    if (!happens[edgesAt + e])
                    {
                        continue;
                    }
                    var target = where[_edgeTo[e]];
                    arrival[e] = begin + _callAt[e] * seconds + RandomStreams.Pick(latency.Samples(e, region, target), latencyU[edgesAt + e]);
                    var payload = RandomStreams.Pick(_payloadSorted[e], payloadU[edgesAt + e]);
                    var pair = region * regions + target;
                    sampleCost += payload * (costPerGb[pair] + _storageUsdPerGb[e]) + CostCarbonRates.Messages(payload) * messageUsd[target];
                    sampleCarbon += payload * carbonPerGb[pair];
                }
            }
            runtime[s] = makespan;
            cost[s] = sampleCost;
            carbon[s] = sampleCarbon;
        }
    }

    // A run's time and untracked transfer from one uniform draw: the same run's pair where both were measured
    // together; otherwise the transfer is drawn from the draw's fraction within the chosen run-time sample, which is
    // uniform and independent of which sample that was.
    private (double Seconds, double UntrackedGb) DrawRun(int instance, int region, double u)
    {
        var runtimes = _runtimeSorted[instance][region];
        var index = Math.Min((int)(u * runtimes.Length), runtimes.Length - 1);
        var untracked = _untracked[instance][region];
        if (untracked.Length == 0)
        {
            return (runtimes[index], 0);
        }
        if (_untrackedPaired[instance][region])
        {
            return (runtimes[index], untracked[index]);
        }
        var within = u * runtimes.Length - index;
        return (runtimes[index], untracked[Math.Min((int)(within * untracked.Length), untracked.Length - 1)]);
    }
}

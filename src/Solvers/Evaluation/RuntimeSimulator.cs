using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>Simulates invocations of a placement on the shared random streams: the end-to-end run time
/// (the critical path, a join waiting for all its callers) and the realised cost and carbon of each sample.</summary>
internal sealed class RuntimeSimulator
{
    private readonly PlanningProblem _problem;
    private readonly IReadOnlyList<ResolvedInstance> _resolved;
    private readonly CostCarbonRates _rates;
    private readonly RandomStreams _streams;
    private readonly double[][] _payloadSorted;
    private readonly int[][] _incoming;
    private readonly int[][] _outgoing;

    public RuntimeSimulator(PlanningProblem problem, IReadOnlyList<ResolvedInstance> resolved, CostCarbonRates rates, RandomStreams streams)
    {
        _problem = problem;
        _resolved = resolved;
        _rates = rates;
        _streams = streams;
        _payloadSorted = [.. problem.Edges.Select(e => e.PayloadGb.Order().ToArray())];
        var instances = problem.Instances.Count;
        _incoming = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0, problem.Edges.Count).Where(e => problem.Edges[e].To == i).ToArray())];
        _outgoing = [.. Enumerable.Range(0, instances).Select(i => Enumerable.Range(0, problem.Edges.Count).Where(e => problem.Edges[e].From == i).ToArray())];
    }

    /// <summary>Fills run time (s), cost (USD) and carbon (g) of samples [from, to) of <paramref name="placement"/>.</summary>
    public void Simulate(IReadOnlyList<int> placement, int from, int to, double[] runtime, double[] cost, double[] carbon)
    {
        var instances = _problem.Instances.Count;
        var edges = _problem.Edges.Count;
        var regions = _problem.Regions.Count;
        var start = new double[instances];
        var arrival = new double[edges];
        for (var s = from; s < to; s++)
        {
            double makespan = 0, sampleCost = _problem.FixedCostUsd, sampleCarbon = _problem.FixedCarbonGrams;
            for (var i = 0; i < instances; i++)
            {
                if (!_streams.Runs[s * instances + i])
                {
                    continue;
                }
                var begin = 0.0;
                foreach (var e in _incoming[i])
                {
                    if (_streams.Happens[s * edges + e])
                    {
                        begin = Math.Max(begin, arrival[e]);
                    }
                }
                var region = placement[i];
                var seconds = RandomStreams.Pick(_resolved[i].RuntimeSorted[region], _streams.RuntimeU[s * instances + i]);
                start[i] = begin;
                makespan = Math.Max(makespan, begin + seconds);
                var k = i * regions + region;
                sampleCost += _rates.CostPerSecond[k] * seconds + _rates.CostPerRun[k];
                sampleCarbon += _rates.CarbonPerSecond[k] * seconds + _rates.CarbonPerRun[k];
                foreach (var e in _outgoing[i])
                {
                    if (!_streams.Happens[s * edges + e])
                    {
                        continue;
                    }
                    var target = placement[_problem.Edges[e].To];
                    var latency = RandomStreams.Pick(_problem.Latency.Samples(e, region, target), _streams.LatencyU[s * edges + e]);
                    arrival[e] = begin + _problem.Edges[e].CallAtFraction * seconds + latency;
                    var payload = RandomStreams.Pick(_payloadSorted[e], _streams.PayloadU[s * edges + e]);
                    var pair = (e * regions + region) * regions + target;
                    sampleCost += payload * _rates.CostPerGb[pair] + CostCarbonRates.Messages(payload) * _rates.MessageUsd[e * regions + target];
                    sampleCarbon += payload * _rates.CarbonPerGb[pair];
                }
            }
            runtime[s] = makespan;
            cost[s] = sampleCost;
            carbon[s] = sampleCarbon;
        }
    }
}

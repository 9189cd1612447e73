using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>Caribou's cost_calculator.py: every upload into a join rewrites the growing item, so it costs WCU of the running sum
/// of the uploads in call order, and the join reads the whole item once, RCU(total). (Some upstream revisions count
/// that read in 1 KB units; Caribou's cost_calculator.py 4 KB units match Caribou's bench results.) Without the rounding to whole units,
/// an upload's payload is billed once for itself and once for each later upload, so its cost is its size times a
/// price per GB that depends only on how many uploads follow it. The call order depends on run times and latencies,
/// so that count is averaged over simulated runs of the home placement (Caribou's workflow_instance.py sampling, simplified), and each call
/// into a join gets a price per GB of its payload: the model then draws the writes' cost with the payload, which
/// gives the cost its tail as well as its mean. The rounding is added to the fixed cost as its expectation.</summary>
internal static class SyncUploads
{
    // A fixed seed, so that the mapping is deterministic.
    public const int Samples = 4000;
    private const int Seed = 20250603;
    private const double KbPerGb = 1024.0 * 1024;

    /// <param name="RemainderUsd">Expected cost of the uploads per invocation beyond the per-GB prices, USD.</param>
    /// <param name="UsdPerGb">Price per GB of payload per call (0 for calls into other instances).</param>
    public sealed record Estimated(double RemainderUsd, IReadOnlyList<double> UsdPerGb);

    public static Estimated Estimate(
        List<InstanceModel> instances, List<EdgeModel> edges, List<InstanceData> data, LatencyTable latency, int home,
        InvocationProbabilities probabilities)
    {
        var usdPerGb = new double[edges.Count];
        var joins = Enumerable.Range(0, instances.Count).Where(i => instances[i].IsJoin).ToArray();
        if (joins.Length == 0)
        {
            return new Estimated(0, usdPerGb);
        }
        var (total, writesPerUpload, uploadsSeen) = Simulate(instances, edges, data, latency, home, joins);
        var linear = 0.0;
        for (var e = 0; e < edges.Count; e++)
        {
            if (uploadsSeen[e] == 0)
            {
                continue;
            }
            usdPerGb[e] = KbPerGb * (writesPerUpload[e] / uploadsSeen[e] * BenchMapper.DynamoDbUsdPerWrite + BenchMapper.DynamoDbUsdPerRead / 4);
            linear += probabilities.Edge[e] * edges[e].PayloadGb.Average() * usdPerGb[e];
        }
        return new Estimated(total / Samples - linear, usdPerGb);
    }

    // The uploads' total cost over all samples, and per call: how many writes its uploads were part of, and how many
    // uploads it made.
    private static (double Total, double[] Writes, double[] Uploads) Simulate(
        List<InstanceModel> instances, List<EdgeModel> edges, List<InstanceData> data, LatencyTable latency, int home, int[] joins)
    {
        int[][] Calls(Func<int, int, bool> of) =>
            [.. Enumerable.Range(0, instances.Count).Select(i => Enumerable.Range(0, edges.Count).Where(e => of(i, e)).ToArray())];
        var incoming = Calls((i, e) => edges[e].To == i);
        var outgoing = Calls((i, e) => edges[e].From == i);
        var random = new Random(Seed);
        var called = new bool[edges.Count];
        var callTime = new double[edges.Count];
        var writes = new double[edges.Count];
        var uploadCount = new double[edges.Count];
        var uploads = new List<(double Time, double Gb, int Edge)>();
        var total = 0.0;
        for (var sample = 0; sample < Samples; sample++)
        {
            for (var i = 0; i < instances.Count; i++)
            {
                var runs = i == 0;
                var start = 0.0;
                var trigger = double.NegativeInfinity;
                foreach (var e in incoming[i].Where(e => called[e]))
                {
                    runs = true;
                    // Caribou's workflow_instance.py: the last predecessor to call triggers the run.
                    if (callTime[e] > trigger)
                    {
                        trigger = callTime[e];
                        start = callTime[e] + Pick(latency.Samples(e, home, home), random);
                    }
                }
                var durations = instances[i].RuntimeSeconds[home];
                if (!runs || durations is not { Count: > 0 })
                {
                    foreach (var e in outgoing[i])
                    {
                        called[e] = false;
                    }
                    continue;
                }
                var duration = Pick(durations, random);
                var rows = data[i].RowsAt(home, duration);
                var row = rows.Count > 0 ? rows[random.Next(rows.Count)] : null;
                foreach (var e in outgoing[i])
                {
                    called[e] = random.NextDouble() < edges[e].Probability;
                    var index = data[i].AuxiliaryIndexOf(instances[edges[e].To].Name);
                    callTime[e] = start + (row is not null && index is { } k && k < row.Count ? row[k] : duration);
                }
            }
            foreach (var join in joins)
            {
                uploads.Clear();
                uploads.AddRange(incoming[join].Where(e => called[e] && edges[e].PayloadGb.Count > 0)
                    .Select(e => (callTime[e], Pick(edges[e].PayloadGb, random), e)));
                uploads.Sort((a, b) => a.Time.CompareTo(b.Time));
                var cumulative = 0.0;
                for (var k = 0; k < uploads.Count; k++)
                {
                    cumulative += uploads[k].Gb;
                    total += BenchFixedTerms.WriteUnits(cumulative) * BenchMapper.DynamoDbUsdPerWrite;
                    writes[uploads[k].Edge] += uploads.Count - k;
                    uploadCount[uploads[k].Edge]++;
                }
                total += BenchFixedTerms.ReadUnits(cumulative) * BenchMapper.DynamoDbUsdPerRead;
            }
        }
        return (total, writes, uploadCount);
    }

    private static T Pick<T>(IReadOnlyList<T> values, Random random) => values[random.Next(values.Count)];
}

using System.Globalization;
using Tern.Planning.CaribouBench.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>The workflow collector's data of one instance, per region index, with the auxiliary rows
/// indexed by their 10 ms duration bucket.</summary>
internal sealed class InstanceData
{
    private const string DtdeKey = "data_transfer_during_execution_gb";
    private static readonly IReadOnlyList<IReadOnlyList<double>> NoRows = [];

    private readonly Dictionary<double, IReadOnlyList<IReadOnlyList<double>>>?[] _buckets;

    public InstanceData(string name, InstanceSummary? summary, IReadOnlyList<string> regionKeys)
    {
        Name = name;
        Summary = summary;
        Regions = [.. regionKeys.Select(key => summary?.Executions?.AtRegion?.GetValueOrDefault(key))];
        _buckets = [.. Regions.Select((region, r) => region?.AuxiliaryData is { } aux ? ParseBuckets(name, regionKeys[r], aux) : null)];
    }

    public string Name { get; }

    public InstanceSummary? Summary { get; }

    /// <summary>Executions per region index; null where the instance never ran there.</summary>
    public IReadOnlyList<RegionExecutions?> Regions { get; }

    /// <summary>Position of <paramref name="key"/> in the auxiliary rows.</summary>
    public int? AuxiliaryIndexOf(string key) =>
        Summary?.Executions?.AuxiliaryIndex?.TryGetValue(key, out var index) == true ? index : null;

    /// <summary>Caribou's runtime_calculator.py: the auxiliary rows recorded with a run of <paramref name="duration"/> seconds.
    /// The keys are Python str(float) of ceil(d·100)/100; the same IEEE arithmetic here and parsing the keys
    /// to doubles avoids formatting floats the way Python does.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RowsAt(int region, double duration) =>
        _buckets[region]?.GetValueOrDefault(Math.Ceiling(duration * 100) / 100) ?? NoRows;

    /// <summary>The runs of a region as Caribou draws them (Caribou's runtime_calculator.py): a duration uniformly, then one of the rows
    /// of its 10 ms bucket uniformly, whose first column is the untracked data transfer during execution (dtde). Each
    /// duration is repeated once per row of its bucket, times the least common multiple of the bucket sizes over the
    /// bucket's size, so every duration keeps its weight and every row its share of it: drawing one run uniformly
    /// then gives Caribou's joint distribution of duration and dtde. Null durations without data. When a duration has
    /// no row, or the expansion would exceed <see cref="MaxExpandedRuns"/>, the durations stay as they are and the
    /// transfers are one mean per duration that has rows (drawn apart from the durations); null when none has.</summary>
    public (IReadOnlyList<double>? Durations, IReadOnlyList<double>? UntrackedGb) Runs(int region)
    {
        if (Regions[region]?.DurationsSeconds is not { Count: > 0 } durations)
        {
            return (null, null);
        }
        var index = AuxiliaryIndexOf(DtdeKey) ?? 0;
        var rows = durations.Select(d => RowsAt(region, d).Where(row => index < row.Count).Select(row => row[index]).ToArray()).ToList();
        var copies = rows.Select(r => (long)Math.Max(1, r.Length)).Aggregate(1L, (lcm, n) => lcm / Gcd(lcm, n) * n);
        if (rows.Any(r => r.Length == 0) || copies * durations.Count > MaxExpandedRuns)
        {
            var means = rows.Where(r => r.Length > 0).Select(r => r.Average()).ToList();
            return (durations, means.Count > 0 ? means : null);
        }
        var expandedDurations = new List<double>();
        var expandedUntracked = new List<double>();
        for (var d = 0; d < durations.Count; d++)
        {
            foreach (var dtde in rows[d])
            {
                for (var c = 0; c < copies / rows[d].Length; c++)
                {
                    expandedDurations.Add(durations[d]);
                    expandedUntracked.Add(dtde);
                }
            }
        }
        return (expandedDurations, expandedUntracked);
    }

    /// <summary>Most runs <see cref="Runs"/> expands a region's durations to.</summary>
    public const int MaxExpandedRuns = 20_000;

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>When the call to <paramref name="successor"/> is made, as a fraction of the run, from the home
    /// region's rows (Caribou's runtime_calculator.py: t_call = start + a[idx(s)]); 1 (at the end) without data.</summary>
    public double CallAtFraction(int home, string successor) =>
        AuxiliaryIndexOf(successor) is { } index && MeanOverRuns(home, index, duration => duration) is { } fraction
            ? Math.Clamp(fraction, 0, 1)
            : 1;

    private double? MeanOverRuns(int region, int index, Func<double, double> divisor)
    {
        var perRun = new List<double>();
        foreach (var duration in Regions[region]?.DurationsSeconds ?? [])
        {
            var values = RowsAt(region, duration).Where(row => index < row.Count).Select(row => row[index] / divisor(duration)).ToList();
            if (values.Count > 0 && divisor(duration) > 0)
            {
                perRun.Add(values.Average());
            }
        }
        return perRun.Count > 0 ? perRun.Average() : null;
    }

    private static Dictionary<double, IReadOnlyList<IReadOnlyList<double>>> ParseBuckets(
        string instance, string region, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<double>>> auxiliary)
    {
        var buckets = new Dictionary<double, IReadOnlyList<IReadOnlyList<double>>>();
        foreach (var (key, rows) in auxiliary)
        {
            if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var bucket))
            {
                throw new BenchDocumentException($"instance {instance} in {region}: auxiliary_data key \"{key}\" is not a number.");
            }
            buckets[bucket] = rows;
        }
        return buckets;
    }
}

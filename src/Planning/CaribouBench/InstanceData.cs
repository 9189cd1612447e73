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

    /// <summary>§3.2 step 2: the auxiliary rows recorded with a run of <paramref name="duration"/> seconds.
    /// The keys are Python str(float) of ceil(d·100)/100; the same IEEE arithmetic here and parsing the keys
    /// to doubles avoids formatting floats the way Python does.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RowsAt(int region, double duration) =>
        _buckets[region]?.GetValueOrDefault(Math.Ceiling(duration * 100) / 100) ?? NoRows;

    /// <summary>Caribou's untracked data transfer during execution (dtde, §3.2 step 3) in a region: the mean,
    /// over the region's durations, of the mean dtde of the rows in the duration's bucket; null without data.</summary>
    public double? UntrackedTransferGb(int region) => MeanOverRuns(region, AuxiliaryIndexOf(DtdeKey) ?? 0, _ => 1);

    /// <summary>When the call to <paramref name="successor"/> is made, as a fraction of the run, from the home
    /// region's rows (§3.2 step 3: t_call = start + a[idx(s)]); 1 (at the end) without data.</summary>
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

namespace Tern.Solvers.Model;

/// <summary>Latency samples (seconds, sorted ascending) of every edge between every pair of regions,
/// looked up by edge index and region indices. Sorted samples let one uniform draw pick the same
/// quantile whichever regions a candidate uses (common random numbers).</summary>
public sealed class LatencyTable
{
    private readonly double[][] _samples;
    private readonly int _regionCount;
    // R when every edge has its own samples; 0 when all edges share one set per region pair.
    private readonly int _edgeStride;

    private LatencyTable(double[][] samples, int edgeCount, int regionCount, int edgeStride)
    {
        _samples = samples;
        EdgeCount = edgeCount;
        _regionCount = regionCount;
        _edgeStride = edgeStride;
    }

    /// <summary>Builds the table by asking <paramref name="samplesFor"/> for every edge and region pair.</summary>
    public static LatencyTable Build(int edgeCount, int regionCount, Func<int, int, int, IReadOnlyList<double>> samplesFor)
    {
        ArgumentNullException.ThrowIfNull(samplesFor);
        var samples = new double[edgeCount * regionCount * regionCount][];
        for (var edge = 0; edge < edgeCount; edge++)
        {
            for (var from = 0; from < regionCount; from++)
            {
                for (var to = 0; to < regionCount; to++)
                {
                    samples[(edge * regionCount + from) * regionCount + to] = Sorted(samplesFor(edge, from, to));
                }
            }
        }
        return new LatencyTable(samples, edgeCount, regionCount, regionCount);
    }

    /// <summary>Builds a table in which every edge between two regions has the same samples, from
    /// <paramref name="samplesFor"/> per region pair: one set per pair instead of one per edge and pair, which for a
    /// large workflow saves memory and keeps the samples in cache during a simulation.</summary>
    public static LatencyTable PerRegionPair(int edgeCount, int regionCount, Func<int, int, IReadOnlyList<double>> samplesFor)
    {
        ArgumentNullException.ThrowIfNull(samplesFor);
        var samples = new double[regionCount * regionCount][];
        for (var from = 0; from < regionCount; from++)
        {
            for (var to = 0; to < regionCount; to++)
            {
                samples[from * regionCount + to] = Sorted(samplesFor(from, to));
            }
        }
        return new LatencyTable(samples, edgeCount, regionCount, 0);
    }

    /// <summary>Number of regions the table covers.</summary>
    public int RegionCount => _regionCount;

    /// <summary>Number of edges the table covers.</summary>
    public int EdgeCount { get; }

    /// <summary>The sorted samples of <paramref name="edge"/> from region <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double[] Samples(int edge, int from, int to) => _samples[(edge * _edgeStride + from) * _regionCount + to];

    private static double[] Sorted(IReadOnlyList<double> samples)
    {
        var values = samples.ToArray();
        Array.Sort(values);
        return values;
    }
}

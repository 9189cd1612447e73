namespace Tern.Solvers.Model;

/// <summary>Latency samples (seconds, sorted ascending) of every edge between every pair of regions,
/// looked up by edge index and region indices. Sorted samples let one uniform draw pick the same
/// quantile whichever regions a candidate uses (common random numbers).</summary>
public sealed class LatencyTable
{
    private readonly double[][] _samples;
    private readonly int _regionCount;

    private LatencyTable(double[][] samples, int regionCount)
    {
        _samples = samples;
        _regionCount = regionCount;
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
                    var values = samplesFor(edge, from, to).ToArray();
                    Array.Sort(values);
                    samples[(edge * regionCount + from) * regionCount + to] = values;
                }
            }
        }
        return new LatencyTable(samples, regionCount);
    }

    /// <summary>Number of regions the table covers.</summary>
    public int RegionCount => _regionCount;

    /// <summary>Number of edges the table covers.</summary>
    public int EdgeCount => _regionCount == 0 ? 0 : _samples.Length / (_regionCount * _regionCount);

    /// <summary>The sorted samples of <paramref name="edge"/> from region <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double[] Samples(int edge, int from, int to) => _samples[(edge * _regionCount + from) * _regionCount + to];
}

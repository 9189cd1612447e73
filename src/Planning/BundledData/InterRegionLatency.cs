using Tern.Entities.Serialization;
namespace Tern.Planning.BundledData;

/// <summary>Measured latency between AWS regions (CloudPing p50 and p90, ms, per ordered pair), read from
/// data/latency/aws_interregion_latency_ms.csv. Directions are kept apart: A→B and B→A are separate probes.</summary>
public sealed class InterRegionLatency
{
    private const string FromColumn = "from_region";
    private const string ToColumn = "to_region";
    private const string P50Column = "p50_ms";
    private const string P90Column = "p90_ms";

    private readonly Dictionary<(string From, string To), LatencyPercentiles> _pairs;

    public InterRegionLatency(IReadOnlyDictionary<(string From, string To), LatencyPercentiles> pairs)
    {
        _pairs = new Dictionary<(string, string), LatencyPercentiles>(pairs);
    }

    /// <summary>Number of ordered pairs with data.</summary>
    public int Count => _pairs.Count;

    /// <summary>The measurement from <paramref name="from"/> to <paramref name="to"/>, or null when there is none.</summary>
    public LatencyPercentiles? Find(string from, string to) => _pairs.GetValueOrDefault((from, to));

    public static InterRegionLatency Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses the file; a value that is not a positive finite number, a p90 below the p50 or a pair listed
    /// twice is a <see cref="FormatException"/> naming file and line.</summary>
    public static InterRegionLatency Parse(TextReader reader, string fileName)
    {
        var pairs = new Dictionary<(string, string), LatencyPercentiles>();
        foreach (var row in CsvRows.Read(reader, fileName, FromColumn, ToColumn, P50Column, P90Column))
        {
            var p50 = row.NonNegative(P50Column);
            var p90 = row.NonNegative(P90Column);
            if (p50 == 0)
            {
                // A lognormal fit needs a positive median, and no network round trip takes no time.
                throw row.Error($"{P50Column} is 0; a measured latency is positive");
            }
            if (p90 < p50)
            {
                throw row.Error($"{P90Column} {row[P90Column]} is below {P50Column} {row[P50Column]}");
            }
            if (!pairs.TryAdd((row[FromColumn], row[ToColumn]), new LatencyPercentiles(p50, p90)))
            {
                throw row.Error($"{row[FromColumn]} → {row[ToColumn]} appears twice");
            }
        }
        return new InterRegionLatency(pairs);
    }
}

/// <summary>Two percentiles of a latency distribution.</summary>
/// <param name="P50Ms">Median, ms.</param>
/// <param name="P90Ms">90th percentile, ms.</param>
public sealed record LatencyPercentiles(double P50Ms, double P90Ms);

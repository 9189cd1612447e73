using Tern.Entities.Validation;

namespace Tern.Footprint.Power;

/// <summary>Power as a gauge in watts (a BMC's board power, for example): consecutive samples no further apart than
/// <see cref="MaxGap"/> are joined by a straight line (the trapezoid rule); farther apart, the time between them is a
/// gap and counts against coverage. NaN, infinite and negative readings are left out and noted. Several series for one
/// node (one per power supply) are added up where all of them have a sample.</summary>
public sealed class WattsReader(QueryRangeClient client, PowerQueryTemplate template) : IPowerReader
{
    /// <summary>The longest interval between two samples that is still interpolated.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromMinutes(5);

    public string Description => $"watts from {template.Text} at {client.BaseUri} (step {QueryRangeClient.Step.TotalSeconds:0} s)";

    public async Task<NodePower> ReadAsync(string node, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var series = await client.QueryAsync(template.For(node), from, to, ct).ConfigureAwait(false);
        var notes = new List<string>();
        if (series.Count == 0)
        {
            return new NodePower(node, [], notes);
        }
        if (series.Count > 1)
        {
            notes.Add($"node {node}: the query returned {series.Count} series; their watts were added up");
        }
        var perSeries = series.Select(s => s.Samples.GroupBy(p => p.Time).ToDictionary(g => g.Key, g => g.Last().Value)).ToList();
        var times = perSeries.Skip(1).Aggregate(new SortedSet<DateTimeOffset>(perSeries[0].Keys), (common, next) =>
        {
            common.IntersectWith(next.Keys);
            return common;
        });
        var samples = new List<(DateTimeOffset Time, double Watts)>();
        var rejected = 0;
        foreach (var time in times)
        {
            var watts = perSeries.Sum(s => s[time]);
            if (double.IsFinite(watts) && watts >= 0)
            {
                samples.Add((time, watts));
            }
            else
            {
                rejected++;
            }
        }
        if (rejected > 0)
        {
            notes.Add($"node {node}: {rejected} reading(s) were NaN, infinite or negative and were left out");
        }
        return new NodePower(node, Join(samples, MaxGap), notes);
    }

    /// <summary>Segments between consecutive samples that are at most <paramref name="maxGap"/> apart.</summary>
    public static IReadOnlyList<PowerSegment> Join(IReadOnlyList<(DateTimeOffset Time, double Watts)> samples, TimeSpan maxGap)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var segments = new List<PowerSegment>();
        for (var i = 1; i < samples.Count; i++)
        {
            var (t0, w0) = samples[i - 1];
            var (t1, w1) = samples[i];
            if (t1 > t0 && t1 - t0 <= maxGap)
            {
                segments.Add(new PowerSegment(t0, t1, w0, w1));
            }
        }
        return segments;
    }

    /// <summary>The gap bound in words, for the report.</summary>
    public string GapRule => $"samples up to {Durations.Format(MaxGap)} apart are interpolated";
}

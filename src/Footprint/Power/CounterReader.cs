namespace Tern.Footprint.Power;

/// <summary>Energy as a counter in joules, as Kepler exports it (<c>kepler_node_*_joules_total</c>,
/// <c>kepler_container_joules_total</c>): the increase between consecutive samples, spread evenly over their interval.
/// A counter that goes down was reset (the exporter restarted), and the increase since the reset is its new value, as
/// Prometheus's increase() counts it. Samples further apart than <see cref="MaxGap"/> leave a gap. Several series for
/// one node (packages, DRAM, containers) are added up.</summary>
public sealed class CounterReader(QueryRangeClient client, PowerQueryTemplate template) : IPowerReader
{
    /// <summary>The longest interval between two samples whose increase is still counted.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromMinutes(5);

    public string Description => $"joule counters from {template.Text} at {client.BaseUri} (step {QueryRangeClient.Step.TotalSeconds:0} s)";

    public async Task<NodePower> ReadAsync(string node, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var series = await client.QueryAsync(template.For(node), from, to, ct).ConfigureAwait(false);
        var notes = new List<string>();
        var segments = new List<PowerSegment>();
        var resets = 0;
        var rejected = 0;
        foreach (var one in series)
        {
            var samples = one.Samples.Where(s => double.IsFinite(s.Value) && s.Value >= 0).ToList();
            rejected += one.Samples.Count - samples.Count;
            segments.AddRange(Increases(samples, MaxGap, ref resets));
        }
        if (series.Count > 1)
        {
            notes.Add($"node {node}: the query returned {series.Count} series; their energy was added up");
        }
        if (resets > 0)
        {
            notes.Add($"node {node}: the counter was reset {resets} time(s); the energy after each reset was counted from zero");
        }
        if (rejected > 0)
        {
            notes.Add($"node {node}: {rejected} reading(s) were NaN, infinite or negative and were left out");
        }
        return new NodePower(node, segments, notes);
    }

    /// <summary>Constant-power segments from a counter's samples; <paramref name="resets"/> counts the resets seen.</summary>
    public static IReadOnlyList<PowerSegment> Increases(IReadOnlyList<(DateTimeOffset Time, double Joules)> samples, TimeSpan maxGap,
        ref int resets)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var segments = new List<PowerSegment>();
        for (var i = 1; i < samples.Count; i++)
        {
            var (t0, j0) = samples[i - 1];
            var (t1, j1) = samples[i];
            if (t1 <= t0 || t1 - t0 > maxGap)
            {
                continue;
            }
            var increase = j1 - j0;
            if (increase < 0)
            {
                resets++;
                increase = j1;
            }
            var watts = increase / (t1 - t0).TotalSeconds;
            segments.Add(new PowerSegment(t0, t1, watts, watts));
        }
        return segments;
    }
}

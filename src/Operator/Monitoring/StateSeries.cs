using Prometheus;

namespace Tern.Operator.Monitoring;

/// <summary>One metric family whose series describe the state of objects now: each scrape publishes the full set
/// of series, and a series left out (its workflow or CarbonSource deleted, a copy state gone) is removed, so no
/// stale series outlives its object.</summary>
internal sealed class StateSeries<TChild>(Collector<TChild> collector, Action<TChild, double> set)
    where TChild : ChildBase
{
    /// <summary>Makes these series, and only these, the family's series.</summary>
    public void Publish(IEnumerable<Series> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in series)
        {
            set(collector.WithLabels(labels), value);
            kept.Add(Key(labels));
        }
        foreach (var labels in collector.GetAllLabelValues().ToList())
        {
            if (!kept.Contains(Key(labels)))
            {
                collector.RemoveLabelled(labels);
            }
        }
    }

    // Label values cannot contain the separator: they are Kubernetes names, region codes and numbers.
    private static string Key(string[] labels) => string.Join('\u001f', labels);
}

/// <summary>One series: its label values, in the family's label order, and its value.</summary>
internal sealed record Series(string[] Labels, double Value);

/// <summary>Shorthands for the two kinds of state series.</summary>
internal static class StateSeries
{
    public static StateSeries<Gauge.Child> Of(Gauge gauge) => new(gauge, (child, value) => child.Set(value));

    /// <summary>A counter that follows a total kept elsewhere (a workflow's recorded invocations): it only rises.</summary>
    public static StateSeries<Counter.Child> Of(Counter counter) => new(counter, (child, value) => child.IncTo(value));
}

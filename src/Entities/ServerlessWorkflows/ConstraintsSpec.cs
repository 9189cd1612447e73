using System.ComponentModel.DataAnnotations;
using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>Limits a plan must keep (hard) or should keep (soft), and the order in which cost, runtime
/// and carbon are ranked.</summary>
public sealed record ConstraintsSpec
{
    /// <summary>Limits no plan may break, checked on the 95th percentile. When no placement keeps them,
    /// the workflow stays in its home region and the Planned condition says why.</summary>
    public MetricLimits? Hard { get; init; }

    /// <summary>Limits a plan should keep, checked on means; placements that keep them rank first.</summary>
    public MetricLimits? Soft { get; init; }

    /// <summary>Order in which placements are ranked, most important first. Metrics left out follow in
    /// the order carbon, cost, runtime.</summary>
    [MaxLength(3)]
    [CelRule("self.all(x, self.exists_one(y, y == x))", "spec.constraints.priority must not repeat a metric")]
    public IReadOnlyList<Metric> Priority { get; init; } = [];
}

/// <summary>A limit per metric; each is optional.</summary>
public sealed record MetricLimits
{
    /// <summary>Cost of one workflow invocation; absolute values are in US dollars.</summary>
    public Limit? Cost { get; init; }

    /// <summary>End-to-end run time of one invocation; absolute values are in seconds.</summary>
    public Limit? Runtime { get; init; }

    /// <summary>Carbon emitted by one invocation; absolute values are in grams of CO2-equivalent.</summary>
    public Limit? Carbon { get; init; }
}

/// <summary>An upper bound, either absolute (in the metric's unit) or a percentage of the same metric
/// for the home placement (105 means at most 5 % worse than running everything at home).</summary>
[CelRule("[has(self.absolute), has(self.percentOfHome)].filter(x, x).size() == 1",
    "set exactly one of absolute and percentOfHome")]
public sealed record Limit
{
    /// <summary>Upper bound in the metric's unit (US dollars, seconds or grams CO2e per invocation); at least 0.</summary>
    [Range(0.0, double.MaxValue)]
    public double? Absolute { get; init; }

    /// <summary>Upper bound as a percentage of the home placement's figure; greater than 0.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double? PercentOfHome { get; init; }
}

/// <summary>A metric a plan is judged by.</summary>
public enum Metric
{
    Carbon,
    Cost,
    Runtime,
}

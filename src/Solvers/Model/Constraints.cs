namespace Tern.Solvers.Model;

/// <summary>A metric a placement is judged by. All are per workflow invocation.</summary>
public enum Metric
{
    /// <summary>gCO2e per invocation.</summary>
    Carbon,
    /// <summary>USD per invocation.</summary>
    Cost,
    /// <summary>End-to-end seconds per invocation (critical path).</summary>
    Runtime,
}

/// <summary>An upper bound: absolute (in the metric's unit) or a percentage of the home placement's figure.</summary>
public sealed record Bound
{
    /// <summary>Upper bound in the metric's unit.</summary>
    public double? Absolute { get; init; }

    /// <summary>Upper bound as a percentage of the home placement's figure (110 = 10 % above home).</summary>
    public double? PercentOfHome { get; init; }

    /// <summary>The limit for a home figure of <paramref name="home"/>.</summary>
    public double LimitFor(double home) => Absolute ?? home * (PercentOfHome ?? double.PositiveInfinity) / 100;
}

/// <summary>Hard bounds (on tail values), soft bounds (on means) and the ranking order.</summary>
public sealed record ConstraintSet
{
    /// <summary>No constraints, ranked by carbon, then cost, then runtime.</summary>
    public static ConstraintSet None { get; } = new();

    /// <summary>Bounds no plan may break, checked on the tail percentile.</summary>
    public IReadOnlyDictionary<Metric, Bound> Hard { get; init; } = new Dictionary<Metric, Bound>();

    /// <summary>Bounds a plan should keep, checked on means; fewer violations rank first.</summary>
    public IReadOnlyDictionary<Metric, Bound> Soft { get; init; } = new Dictionary<Metric, Bound>();

    /// <summary>Ranking order, most important first; metrics left out follow as carbon, cost, runtime.</summary>
    public IReadOnlyList<Metric> Priority { get; init; } = [];

    /// <summary>The full ranking order of all three metrics.</summary>
    public IReadOnlyList<Metric> FullPriority =>
        [.. Priority.Distinct().Concat(new[] { Metric.Carbon, Metric.Cost, Metric.Runtime }.Except(Priority))];
}

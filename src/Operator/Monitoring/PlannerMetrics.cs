using Prometheus;

namespace Tern.Operator.Monitoring;

/// <summary>The planner's work: time per plan, Monte Carlo evaluations of placements, and plans stopped at the budget.</summary>
internal sealed class PlannerMetrics
{
    public PlannerMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        Seconds = factory.CreateHistogram("tern_planner_duration_seconds", "Time per plan, including plans stopped at the budget.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 2, 16) });
        Evaluations = factory.CreateCounter("tern_planner_evaluations_total", "Placements the planner evaluated (Monte Carlo estimates).");
        Timeouts = factory.CreateCounter("tern_planning_timeouts_total", "Plans stopped at the planning budget.");
    }

    public Histogram Seconds { get; }

    public Counter Evaluations { get; }

    public Counter Timeouts { get; }
}

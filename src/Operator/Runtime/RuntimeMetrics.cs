using Prometheus;

namespace Tern.Operator.Runtime;

/// <summary>The runtime's Prometheus metrics, named as controller-runtime names them so existing
/// dashboards and alerts work. Each host has its own registry: no process-wide state.</summary>
internal sealed class RuntimeMetrics
{
    public RuntimeMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Reconciles = factory.CreateCounter("controller_runtime_reconcile_total", "Reconciles per controller and result.", "controller", "result");
        Errors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Reconciles that failed.", "controller");
        TerminalErrors = factory.CreateCounter("controller_runtime_terminal_reconcile_errors_total", "Reconciles that failed for good.", "controller");
        ReconcileSeconds = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Time per reconcile.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        ActiveWorkers = factory.CreateGauge("controller_runtime_active_workers", "Workers reconciling now.", "controller");
        MaxConcurrentReconciles = factory.CreateGauge("controller_runtime_max_concurrent_reconciles", "Workers per controller.", "controller");
        QueueDepth = factory.CreateGauge("workqueue_depth", "Keys waiting.", "name");
        QueueAdds = factory.CreateCounter("workqueue_adds_total", "Keys added.", "name");
        Retries = factory.CreateCounter("workqueue_retries_total", "Keys re-added after a failure.", "name");
        Leader = factory.CreateGauge("leader_election_master_status", "1 while this instance leads.", "name");
    }

    public CollectorRegistry Registry { get; }

    public Counter Reconciles { get; }

    public Counter Errors { get; }

    public Counter TerminalErrors { get; }

    public Histogram ReconcileSeconds { get; }

    public Gauge ActiveWorkers { get; }

    public Gauge MaxConcurrentReconciles { get; }

    public Gauge QueueDepth { get; }

    public Counter QueueAdds { get; }

    public Counter Retries { get; }

    public Gauge Leader { get; }
}

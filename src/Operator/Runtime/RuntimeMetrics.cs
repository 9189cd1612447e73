using System.Collections.Concurrent;
using Prometheus;

namespace Tern.Operator.Runtime;

/// <summary>The runtime's Prometheus metrics, named as controller-runtime names them so existing
/// dashboards and alerts work. Each host has its own registry: no process-wide state.</summary>
internal sealed class RuntimeMetrics
{
    private readonly ConcurrentDictionary<string, Func<(TimeSpan Unfinished, TimeSpan Longest)>> _inProgress = new();

    public RuntimeMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Reconciles = factory.CreateCounter("controller_runtime_reconcile_total", "Reconciles per controller and result.", "controller", "result");
        Errors = factory.CreateCounter("controller_runtime_reconcile_errors_total", "Reconciles that failed.", "controller");
        TerminalErrors = factory.CreateCounter("controller_runtime_terminal_reconcile_errors_total", "Reconciles that failed for good.",
            "controller");
        Panics = factory.CreateCounter("controller_runtime_reconcile_panics_total",
            "Reconciles that failed with an unexpected exception (a bug rather than an API or network failure).", "controller");
        Timeouts = factory.CreateCounter("controller_runtime_reconcile_timeouts_total", "Reconciles stopped at the reconcile timeout.", "controller");
        ReconcileSeconds = factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Time per reconcile.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        ActiveWorkers = factory.CreateGauge("controller_runtime_active_workers", "Workers reconciling now.", "controller");
        MaxConcurrentReconciles = factory.CreateGauge("controller_runtime_max_concurrent_reconciles", "Workers per controller.", "controller");
        QueueDepth = factory.CreateGauge("workqueue_depth", "Keys waiting.", "name");
        QueueAdds = factory.CreateCounter("workqueue_adds_total", "Keys added.", "name");
        Retries = factory.CreateCounter("workqueue_retries_total", "Keys re-added after a failure.", "name");
        QueueSeconds = factory.CreateHistogram("workqueue_queue_duration_seconds", "Time a key waits in the queue before a worker takes it.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = Histogram.ExponentialBuckets(1e-6, 10, 10) });
        WorkSeconds = factory.CreateHistogram("workqueue_work_duration_seconds", "Time a worker spends on a key.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = Histogram.ExponentialBuckets(1e-6, 10, 10) });
        UnfinishedSeconds = factory.CreateGauge("workqueue_unfinished_work_seconds",
            "Seconds of work in progress not yet observed by workqueue_work_duration_seconds; a growing value means stuck workers.", "name");
        LongestRunningSeconds = factory.CreateGauge("workqueue_longest_running_processor_seconds",
            "How long the longest-running worker of the queue has been busy with its key.", "name");
        Leader = factory.CreateGauge("leader_election_master_status", "1 while this instance leads.", "name");
        DecodeErrors = factory.CreateCounter("tern_decode_errors_total",
            "Object versions the operator could not decode and skipped (each gets a Warning event).", "kind");
        Registry.AddBeforeCollectCallback(UpdateInProgress);
    }

    public CollectorRegistry Registry { get; }

    public Counter Reconciles { get; }

    public Counter Errors { get; }

    public Counter TerminalErrors { get; }

    public Counter Panics { get; }

    public Counter Timeouts { get; }

    public Histogram ReconcileSeconds { get; }

    public Gauge ActiveWorkers { get; }

    public Gauge MaxConcurrentReconciles { get; }

    public Gauge QueueDepth { get; }

    public Counter QueueAdds { get; }

    public Counter Retries { get; }

    public Histogram QueueSeconds { get; }

    public Histogram WorkSeconds { get; }

    public Gauge UnfinishedSeconds { get; }

    public Gauge LongestRunningSeconds { get; }

    public Gauge Leader { get; }

    public Counter DecodeErrors { get; }

    /// <summary>Starts the reconcile counters of controller <paramref name="name"/> at 0, as controller-runtime does, so
    /// rates and alerts on errors have a series before the first error.</summary>
    public void StartController(string name)
    {
        foreach (var result in new[] { "success", "error", "requeue_after" })
        {
            Reconciles.WithLabels(name, result);
        }
        foreach (var counter in new[] { Errors, TerminalErrors, Panics, Timeouts })
        {
            counter.WithLabels(name);
        }
    }

    /// <summary>The observer that feeds the workqueue_* metrics of the queue <paramref name="name"/>.</summary>
    public IWorkQueueObserver ForQueue(string name) => new QueueObserver(this, name);

    /// <summary>Reports the work in progress of queue <paramref name="name"/> at every scrape, until the result is disposed.</summary>
    public IDisposable TrackInProgress(string name, Func<(TimeSpan Unfinished, TimeSpan Longest)> inProgress)
    {
        _inProgress[name] = inProgress;
        return new Untrack(this, name);
    }

    private void UpdateInProgress()
    {
        foreach (var (name, inProgress) in _inProgress)
        {
            var (unfinished, longest) = inProgress();
            UnfinishedSeconds.WithLabels(name).Set(unfinished.TotalSeconds);
            LongestRunningSeconds.WithLabels(name).Set(longest.TotalSeconds);
        }
    }

    private sealed class Untrack(RuntimeMetrics metrics, string name) : IDisposable
    {
        public void Dispose()
        {
            metrics._inProgress.TryRemove(name, out _);
            metrics.UnfinishedSeconds.WithLabels(name).Set(0);
            metrics.LongestRunningSeconds.WithLabels(name).Set(0);
        }
    }

    private sealed class QueueObserver(RuntimeMetrics metrics, string name) : IWorkQueueObserver
    {
        public void Added(int depth)
        {
            metrics.QueueAdds.WithLabels(name).Inc();
            metrics.QueueDepth.WithLabels(name).Set(depth);
        }

        public void Taken(TimeSpan waited, int depth)
        {
            metrics.QueueSeconds.WithLabels(name).Observe(waited.TotalSeconds);
            metrics.QueueDepth.WithLabels(name).Set(depth);
        }

        public void Done(TimeSpan worked) => metrics.WorkSeconds.WithLabels(name).Observe(worked.TotalSeconds);
    }
}

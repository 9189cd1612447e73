using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Runs one controller: an informer feeding a work queue, and a bounded number of workers that
/// reconcile keys one at a time each. Workers start after the first list; every exception is caught per
/// reconcile; failures back off per key; terminal failures wait for the object to change.</summary>
internal sealed class ControllerHost<T> : IRunningController where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReconciler<T> _reconciler;
    private readonly EventFilter<T> _filter;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private readonly int _workers;
    private readonly string _name;

    public ControllerHost(string name, CustomResourceClient<T> client, IReconciler<T> reconciler, int workers, EventFilter<T> filter,
        TimeProvider clock, ILogger logger, RuntimeMetrics metrics, InformerOptions? informerOptions = null)
    {
        _name = name;
        _reconciler = reconciler;
        _filter = filter;
        _workers = Math.Max(1, workers);
        _logger = logger;
        _metrics = metrics;
        _queue = new WorkQueue(clock);
        Informer = new Informer<T>(client, OnChange, logger, informerOptions);
    }

    public string Name => _name;

    public Informer<T> Informer { get; }

    public bool Synced => Informer.Synced.IsCompletedSuccessfully;

    /// <summary>Keys waiting in the queue.</summary>
    public int QueueDepth => _queue.Depth;

    /// <summary>Runs until <paramref name="stop"/> is cancelled, then lets in-flight reconciles finish
    /// until <paramref name="shutdownDeadline"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken shutdownDeadline)
    {
        var informer = Informer.RunAsync(stop);
        try
        {
            await Informer.Synced.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await informer.ConfigureAwait(false);
            return;
        }
        _metrics.MaxConcurrentReconciles.WithLabels(_name).Set(_workers);
        var workers = Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(stop, shutdownDeadline), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _queue.ShutDown();
        await Task.WhenAll(workers.Append(informer)).ConfigureAwait(false);
    }

    public void Dispose() => _queue.Dispose();

    private void OnChange(ResourceKey key, T? before, T? after)
    {
        if (before is not null && after is not null && !_filter(before, after))
        {
            return;
        }
        _metrics.QueueAdds.WithLabels(_name).Inc();
        _queue.Add(key);
        _metrics.QueueDepth.WithLabels(_name).Set(_queue.Depth);
    }

    private async Task WorkAsync(CancellationToken stop, CancellationToken shutdownDeadline)
    {
        while (!stop.IsCancellationRequested)
        {
            ResourceKey? next;
            try
            {
                next = await _queue.TakeAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (next is not { } key)
            {
                return;
            }
            _metrics.QueueDepth.WithLabels(_name).Set(_queue.Depth);
            _metrics.ActiveWorkers.WithLabels(_name).Inc();
            try
            {
                await ProcessAsync(key, shutdownDeadline).ConfigureAwait(false);
            }
            finally
            {
                _metrics.ActiveWorkers.WithLabels(_name).Dec();
                _queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        string result;
        try
        {
            if (Informer.Get(key) is { } entity)
            {
                var outcome = await _reconciler.ReconcileAsync(entity, cancellationToken).ConfigureAwait(false);
                _queue.Forget(key);
                if (outcome.RequeueAfter is { } delay)
                {
                    _queue.AddAfter(key, delay);
                    result = "requeue_after";
                }
                else
                {
                    result = "success";
                }
            }
            else
            {
                if (Informer.DeletedObjects.TryRemove(key, out var last))
                {
                    await _reconciler.DeletedAsync(last, cancellationToken).ConfigureAwait(false);
                }
                _queue.Forget(key);
                result = "success";
            }
        }
        catch (TerminalReconcileException e)
        {
            _queue.Forget(key);
            _metrics.TerminalErrors.WithLabels(_name).Inc();
            _logger.ReconcileTerminal(_name, key, e.Message);
            result = "error";
        }
        catch (Exception e)
        {
            var delay = _queue.AddRateLimited(key);
            _metrics.Errors.WithLabels(_name).Inc();
            _metrics.Retries.WithLabels(_name).Inc();
            _logger.ReconcileFailed(e, _name, key, _queue.Failures(key), delay);
            result = "error";
        }
        _metrics.Reconciles.WithLabels(_name, result).Inc();
        _metrics.ReconcileSeconds.WithLabels(_name).Observe(started.Elapsed.TotalSeconds);
    }
}

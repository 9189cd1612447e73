using System.Net.Http;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Runs one controller: an informer feeding a work queue, and a bounded number of workers that
/// reconcile keys one at a time each. Workers start after the first list. Every exception is caught per
/// reconcile, counted (as a panic when it is a bug rather than an API or network failure) and backs the key off;
/// a reconcile that outlives the reconcile timeout is cancelled; terminal failures wait for the object to change;
/// an object that cannot be decoded gets a Warning event instead of a reconcile. Each reconcile logs in a scope
/// with the controller, the object's kind, namespace and name, and a reconcile id.</summary>
internal sealed class ControllerHost<T> : IRunningController where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReconciler<T> _reconciler;
    private readonly EventFilter<T> _filter;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private readonly EventRecorder _events;
    private readonly TimeProvider _clock;
    private readonly ControllerTimings _timings;
    private readonly int _workers;
    private readonly string _name;
    private readonly string _kind;

    public ControllerHost(string name, CustomResourceClient<T> client, IReconciler<T> reconciler, WorkQueue queue, int workers, EventFilter<T> filter,
        ControllerServices services, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(services);
        _name = name;
        _kind = client.Kind;
        _reconciler = reconciler;
        _queue = queue;
        _filter = filter;
        _workers = Math.Max(1, workers);
        _logger = logger;
        _metrics = services.Metrics;
        _events = services.Events;
        _clock = services.Clock;
        _timings = services.Timings;
        Informer = new Informer<T>(client, OnChange, logger, services.Informer, services.Clock, OnUndecodable);
    }

    public string Name => _name;

    public Informer<T> Informer { get; }

    public bool Synced => Informer.Synced.IsCompletedSuccessfully;

    /// <summary>Keys waiting in the queue.</summary>
    public int QueueDepth => _queue.Depth;

    /// <summary>What is wrong with this controller now: its watch has lost the API server, or a worker is stuck in a
    /// reconcile well past the reconcile timeout (it ignores cancellation). Empty when healthy.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (Informer.Problem is { } watch)
            {
                problems.Add(watch);
            }
            var longest = _queue.InProgress().Longest;
            if (longest > _timings.ReconcileTimeout + _timings.StuckGrace)
            {
                problems.Add(
                    $"a {_kind} reconcile has run for {longest.TotalSeconds:0} s, beyond its {_timings.ReconcileTimeout.TotalSeconds:0} s timeout");
            }
            return problems;
        }
    }

    /// <summary>Runs until <paramref name="stop"/> is cancelled, then lets in-flight reconciles finish
    /// until <paramref name="shutdownDeadline"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken shutdownDeadline)
    {
        using var progress = _metrics.TrackInProgress(_name, _queue.InProgress);
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
        _metrics.StartController(_name);
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

    public void Dispose()
    {
        _queue.Dispose();
        (_reconciler as IDisposable)?.Dispose();
    }

    private void OnChange(ResourceKey key, T? before, T? after)
    {
        if (before is not null && after is not null && !_filter(before, after))
        {
            return;
        }
        _queue.Add(key);
    }

    private void OnUndecodable(UndecodableObject bad)
    {
        _metrics.DecodeErrors.WithLabels(_kind).Inc();
        _queue.Add(bad.Reference.Key);
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

    private async Task ProcessAsync(ResourceKey key, CancellationToken shutdownDeadline)
    {
        using var scope = _logger.BeginScope(new ReconcileScope(_name, _kind, key, Guid.NewGuid().ToString()));
        using var timeout = new CancellationTokenSource(_timings.ReconcileTimeout, _clock);
        using var reconcile = CancellationTokenSource.CreateLinkedTokenSource(shutdownDeadline, timeout.Token);
        var started = _clock.GetTimestamp();
        string result;
        try
        {
            result = await ReconcileAsync(key, reconcile.Token).ConfigureAwait(false);
        }
        catch (TerminalReconcileException e)
        {
            _queue.Forget(key);
            _metrics.TerminalErrors.WithLabels(_name).Inc();
            _logger.ReconcileTerminal(_kind, key, e.Message);
            result = "error";
        }
        catch (OperationCanceledException) when (shutdownDeadline.IsCancellationRequested)
        {
            _metrics.Errors.WithLabels(_name).Inc();
            _logger.ReconcileStopped(_kind, key);
            result = "error";
        }
        catch (Exception e)
        {
            result = Failed(key, e, timeout.IsCancellationRequested && e is OperationCanceledException);
        }
        _metrics.Reconciles.WithLabels(_name, result).Inc();
        _metrics.ReconcileSeconds.WithLabels(_name).Observe(_clock.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<string> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (Informer.Get(key) is { } entity)
        {
            var outcome = await _reconciler.ReconcileAsync(entity, cancellationToken).ConfigureAwait(false);
            _queue.Forget(key);
            if (outcome.RequeueAfter is { } delay)
            {
                _queue.AddAfter(key, delay);
                return "requeue_after";
            }
            return "success";
        }
        if (Informer.Undecodable(key) is { } bad)
        {
            await _events.RecordAsync(bad.Reference, "Warning", "DecodeFailed", bad.Problem, cancellationToken).ConfigureAwait(false);
        }
        else if (Informer.DeletedObjects.TryRemove(key, out var last))
        {
            await _reconciler.DeletedAsync(last, cancellationToken).ConfigureAwait(false);
        }
        _queue.Forget(key);
        return "success";
    }

    // Every failure backs the key off. API and network failures are expected and logged in one line; anything else
    // is a bug in Tern (a panic, in controller-runtime's words), logged with its stack trace.
    private string Failed(ResourceKey key, Exception error, bool timedOut)
    {
        var delay = _queue.AddRateLimited(key);
        var failures = _queue.Failures(key);
        _metrics.Errors.WithLabels(_name).Inc();
        _metrics.Retries.WithLabels(_name).Inc();
        if (timedOut)
        {
            _metrics.Timeouts.WithLabels(_name).Inc();
            _logger.ReconcileTimedOut(_kind, key, _timings.ReconcileTimeout, delay);
        }
        else if (error is HttpOperationException or HttpRequestException or KubernetesException or TimeoutException or OperationCanceledException)
        {
            _logger.ReconcileUnavailable(_kind, key, failures, Reason(error), delay);
        }
        else
        {
            _metrics.Panics.WithLabels(_name).Inc();
            _logger.ReconcileFailed(error, _kind, key, failures, delay);
        }
        return "error";
    }

    private static string Reason(Exception error) => error is HttpOperationException http
        ? $"the API server answered {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}".TrimEnd()
        : error.Message;
}

/// <summary>How long a reconcile may take before it is cancelled, and how much longer before a worker still busy
/// with it counts as stuck (it is ignoring cancellation) and /healthz fails.</summary>
internal sealed record ControllerTimings
{
    public TimeSpan ReconcileTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan StuckGrace { get; init; } = TimeSpan.FromMinutes(1);
}

using Microsoft.Extensions.Logging;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Monitoring;
using Tern.Operator.Runtime;

namespace Tern.Operator.Controllers;

/// <summary>Plans workflows off the workers' critical path. A reconcile that needs a plan asks for one and returns;
/// the plan is made in the background, at most <c>concurrency</c> at once, each within a time budget, and the
/// workflow is queued for a reconcile when its plan is ready, so a slow plan never holds a worker. A plan that
/// outruns its budget is stopped and remembered as timed out for a while, so the same slow problem is not planned
/// again at every reconcile. One instance lives for one term of leadership: disposing it cancels every plan.</summary>
internal sealed class PlanningQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceKey, Job> _jobs = [];
    private readonly SemaphoreSlim _slots;
    private readonly PlanningLimits _limits;
    private readonly TimeProvider _clock;
    private readonly Action<ResourceKey> _ready;
    private readonly ILogger _logger;
    private readonly PlannerMetrics _metrics;
    private bool _disposed;

    public PlanningQueue(PlanningLimits limits, TimeProvider clock, Action<ResourceKey> ready, ILogger logger, PlannerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _slots = new SemaphoreSlim(Math.Max(1, limits.Concurrency));
        _clock = clock;
        _ready = ready;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Plans in progress or waiting for a slot.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Values.Count(j => j.State is PlanningState.InProgress);
            }
        }
    }

    /// <summary>The state of the plan of <paramref name="key"/> for <paramref name="request"/>, starting it with
    /// <paramref name="plan"/> when none is running or known for this request (a plan for an older request is cancelled).</summary>
    public PlanningState Request(ResourceKey key, PlanRequest request, Func<CancellationToken, PlanOutcome> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_jobs.TryGetValue(key, out var existing))
            {
                if (existing.Request == request && !(existing.State is PlanningState.TimedOut timedOut && _clock.GetUtcNow() >= timedOut.RetryAt))
                {
                    return existing.State;
                }
                existing.Stop();
            }
            var job = new Job(request);
            _jobs[key] = job;
            // Not awaited: the job reports through its state and the requeue, and catches everything itself.
            _ = Task.Run(() => RunAsync(key, job, plan), CancellationToken.None);
            return job.State;
        }
    }

    /// <summary>Forgets the plan of <paramref name="key"/> (cancelling it if it is still running): its result was used, or
    /// the workflow is gone.</summary>
    public void Forget(ResourceKey key)
    {
        lock (_gate)
        {
            if (_jobs.Remove(key, out var job))
            {
                job.Stop();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var job in _jobs.Values)
            {
                job.Stop();
            }
            _jobs.Clear();
        }
    }

    private async Task RunAsync(ResourceKey key, Job job, Func<CancellationToken, PlanOutcome> plan)
    {
        try
        {
            if (await PlanAsync(key, plan, job.Token).ConfigureAwait(false) is not { } state)
            {
                return;
            }
            lock (_gate)
            {
                if (!_jobs.TryGetValue(key, out var current) || !ReferenceEquals(current, job))
                {
                    return;
                }
                job.State = state;
            }
            _ready(key);
        }
        finally
        {
            lock (_gate)
            {
                job.Dispose();
            }
        }
    }

    // The plan's state once done, or null when it was cancelled (replaced, forgotten, or the term ended).
    private async Task<PlanningState?> PlanAsync(ResourceKey key, Func<CancellationToken, PlanOutcome> plan, CancellationToken cancelled)
    {
        try
        {
            await _slots.WaitAsync(cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        var started = _clock.GetTimestamp();
        try
        {
            using var budget = new CancellationTokenSource(_limits.Budget, _clock);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancelled, budget.Token);
            try
            {
                var outcome = plan(both.Token);
                _metrics.Evaluations.Inc(outcome.Evaluations);
                return outcome.Plan is { } made
                    ? new PlanningState.Done(made)
                    : new PlanningState.Failed(outcome.Error ?? "the planner made no plan");
            }
            catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
            {
                return null;
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                _metrics.Timeouts.Inc();
                return new PlanningState.TimedOut(_limits.Budget, _clock.GetUtcNow() + _limits.RetryAfterTimeout);
            }
            // A planner bug must not take the operator down; the workflow says planning failed and the log has the details.
            catch (Exception e)
            {
                _logger.PlanningCrashed(e, key);
                return new PlanningState.Failed("planning failed unexpectedly; the operator's log has the details");
            }
        }
        finally
        {
            _slots.Release();
            _metrics.Seconds.Observe(_clock.GetElapsedTime(started).TotalSeconds);
        }
    }

    // Stop and Dispose are called under the queue's gate, so a plan is never cancelled after its source is disposed.
    private sealed class Job : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private bool _disposed;

        public Job(PlanRequest request)
        {
            Request = request;
            Token = _cancel.Token;
        }

        public PlanRequest Request { get; }

        public CancellationToken Token { get; }

        public PlanningState State { get; set; } = new PlanningState.InProgress();

        public void Stop()
        {
            if (!_disposed)
            {
                _cancel.Cancel();
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _cancel.Dispose();
        }
    }
}

/// <summary>Which plan is asked for: the object (by uid, so a re-created workflow of the same name starts afresh) at one generation.</summary>
internal sealed record PlanRequest(string? Uid, long Generation);

/// <summary>Where a requested plan stands.</summary>
internal abstract record PlanningState
{
    private PlanningState()
    {
    }

    /// <summary>Waiting for a slot or being planned; the workflow is queued when it is done.</summary>
    public sealed record InProgress : PlanningState;

    /// <summary>Planned.</summary>
    public sealed record Done(PlanStatus Plan) : PlanningState;

    /// <summary>The planner could not plan, and says why.</summary>
    public sealed record Failed(string Error) : PlanningState;

    /// <summary>Stopped at the budget; the same request is planned again only from <paramref name="RetryAt"/>.</summary>
    public sealed record TimedOut(TimeSpan Budget, DateTimeOffset RetryAt) : PlanningState;
}

/// <summary>How planning is bounded.</summary>
internal sealed record PlanningLimits
{
    /// <summary>Longest time one plan may take; then it is stopped and the workflow keeps its placement.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Plans made at once.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>How long a timed-out plan is not tried again for an unchanged spec.</summary>
    public TimeSpan RetryAfterTimeout { get; init; } = TimeSpan.FromHours(1);
}

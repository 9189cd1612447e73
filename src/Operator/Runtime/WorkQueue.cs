namespace Tern.Operator.Runtime;

/// <summary>The queue between informers and workers (controller-runtime's semantics): a key waiting in the
/// queue is held once; a key being processed is never handed to a second worker — a re-add while it is
/// processed is deferred until <see cref="Done"/>; delayed adds are held once per key (a later one adds nothing,
/// an earlier one moves the key's time forward); per-key exponential backoff with jitter.</summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<ResourceKey> _ready = new();
    private readonly Dictionary<ResourceKey, long> _queuedAt = [];
    private readonly Dictionary<ResourceKey, long> _processingSince = [];
    private readonly HashSet<ResourceKey> _dirty = [];
    private readonly Dictionary<ResourceKey, int> _failures = [];
    private readonly Dictionary<ResourceKey, DelayedAdd> _delayed = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly IWorkQueueObserver? _observer;
    private bool _shutDown;

    public WorkQueue(TimeProvider clock, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, IWorkQueueObserver? observer = null)
    {
        _clock = clock;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
        _observer = observer;
    }

    /// <summary>Keys waiting to be processed.</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Keys waiting for a delayed add (at most one entry per key).</summary>
    public int Delayed
    {
        get
        {
            lock (_gate)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> unless it is already waiting; a key being processed is re-queued when it is done.</summary>
    public void Add(ResourceKey key)
    {
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }
            if (_processingSince.ContainsKey(key))
            {
                _dirty.Add(key);
                return;
            }
            Enqueue(key);
        }
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/>. A key already waiting for an earlier (or the
    /// same) time is left as it is; one waiting for a later time is moved to this one. So repeated requeues of one
    /// key never pile up: a key has at most one delayed add.</summary>
    public void AddAfter(ResourceKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }
            var due = _clock.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var waiting))
            {
                if (waiting.Due <= due)
                {
                    return;
                }
                waiting.Timer?.Dispose();
            }
            var entry = new DelayedAdd(key, due);
            _delayed[key] = entry;
            entry.Timer = _clock.CreateTimer(Fire, entry, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds <paramref name="key"/> after its next backoff delay: exponential in its consecutive
    /// failures, with ±20 % jitter so that many failing keys do not retry in lock-step.</summary>
    public TimeSpan AddRateLimited(ResourceKey key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
        }
        var exponential = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 40));
        var delay = TimeSpan.FromMilliseconds(Math.Min(exponential, _maxDelay.TotalMilliseconds) * (0.8 + 0.4 * Random.Shared.NextDouble()));
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Forgets the failures of <paramref name="key"/>, so its next backoff starts small again.</summary>
    public void Forget(ResourceKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Consecutive failures of <paramref name="key"/>.</summary>
    public int Failures(ResourceKey key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Waits for a key and marks it as being processed; null once the queue is shut down.</summary>
    public async Task<ResourceKey?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_shutDown)
                {
                    return null;
                }
                if (_ready.First is not { } first)
                {
                    continue;
                }
                var key = first.Value;
                _ready.RemoveFirst();
                var waited = _clock.GetElapsedTime(_queuedAt[key]);
                _queuedAt.Remove(key);
                _processingSince[key] = _clock.GetTimestamp();
                _observer?.Taken(waited, _ready.Count);
                return key;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as processed; a re-add that came in meanwhile is queued now.</summary>
    public void Done(ResourceKey key)
    {
        lock (_gate)
        {
            if (_processingSince.Remove(key, out var since))
            {
                _observer?.Done(_clock.GetElapsedTime(since));
            }
            if (_dirty.Remove(key) && !_shutDown)
            {
                Enqueue(key);
            }
        }
    }

    /// <summary>Work in progress: the summed and the longest time keys have been processed so far.</summary>
    public (TimeSpan Unfinished, TimeSpan Longest) InProgress()
    {
        lock (_gate)
        {
            var running = _processingSince.Values.Select(since => _clock.GetElapsedTime(since)).ToList();
            return (running.Aggregate(TimeSpan.Zero, (sum, t) => sum + t), running.DefaultIfEmpty(TimeSpan.Zero).Max());
        }
    }

    /// <summary>Stops handing out keys; waiting takers return null. Idempotent: the host shuts a queue down and disposes
    /// it later, and a second release of the semaphore would overflow it while keys are still queued.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }
            _shutDown = true;
            foreach (var waiting in _delayed.Values)
            {
                waiting.Timer?.Dispose();
            }
            _delayed.Clear();
        }
        _signal.Release(int.MaxValue / 2);
    }

    public void Dispose()
    {
        ShutDown();
        _signal.Dispose();
    }

    // Called under the gate.
    private void Enqueue(ResourceKey key)
    {
        if (_queuedAt.TryAdd(key, _clock.GetTimestamp()))
        {
            _ready.AddLast(key);
            _observer?.Added(_ready.Count);
            _signal.Release();
        }
    }

    private void Fire(object? state)
    {
        var entry = (DelayedAdd)state!;
        lock (_gate)
        {
            // A timer replaced by an earlier one may still fire; only the key's current entry adds it.
            if (!_delayed.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }
            _delayed.Remove(entry.Key);
            entry.Timer?.Dispose();
        }
        Add(entry.Key);
    }

    private sealed class DelayedAdd(ResourceKey key, DateTimeOffset due)
    {
        public ResourceKey Key => key;

        public DateTimeOffset Due => due;

        public ITimer? Timer { get; set; }
    }
}

/// <summary>What a work queue reports to its metrics.</summary>
internal interface IWorkQueueObserver
{
    /// <summary>A key entered the queue; <paramref name="depth"/> keys now wait.</summary>
    void Added(int depth);

    /// <summary>A key waited <paramref name="waited"/> before a worker took it.</summary>
    void Taken(TimeSpan waited, int depth);

    /// <summary>A worker spent <paramref name="worked"/> on a key.</summary>
    void Done(TimeSpan worked);
}

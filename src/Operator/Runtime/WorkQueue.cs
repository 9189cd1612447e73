namespace Tern.Operator.Runtime;

/// <summary>The queue between informers and workers (controller-runtime's semantics): a key waiting in the
/// queue is held once; a key being processed is never handed to a second worker — a re-add while it is
/// processed is deferred until <see cref="Done"/>; delayed adds; per-key exponential backoff with jitter.</summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<ResourceKey> _ready = new();
    private readonly HashSet<ResourceKey> _queued = [];
    private readonly HashSet<ResourceKey> _processing = [];
    private readonly HashSet<ResourceKey> _dirty = [];
    private readonly Dictionary<ResourceKey, int> _failures = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly List<ITimer> _timers = [];
    private bool _shutDown;

    public WorkQueue(TimeProvider clock, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _clock = clock;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
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

    /// <summary>Adds <paramref name="key"/> unless it is already waiting; a key being processed is re-queued when it is done.</summary>
    public void Add(ResourceKey key)
    {
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }
            if (_queued.Add(key))
            {
                _ready.AddLast(key);
                _signal.Release();
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/>.</summary>
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
            ITimer? timer = null;
            timer = _clock.CreateTimer(_ =>
            {
                Add(key);
                lock (_gate)
                {
                    _timers.Remove(timer!);
                }
                timer!.Dispose();
            }, null, delay, Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
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
                _ready.RemoveFirst();
                _queued.Remove(first.Value);
                _processing.Add(first.Value);
                return first.Value;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as processed; a re-add that came in meanwhile is queued now.</summary>
    public void Done(ResourceKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Remove(key) && !_shutDown && _queued.Add(key))
            {
                _ready.AddLast(key);
                _signal.Release();
            }
        }
    }

    /// <summary>Stops handing out keys; waiting takers return null.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shutDown = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
            _timers.Clear();
        }
        _signal.Release(int.MaxValue / 2);
    }

    public void Dispose()
    {
        ShutDown();
        _signal.Dispose();
    }
}

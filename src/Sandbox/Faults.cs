namespace Tern.Sandbox;

/// <summary>Failures a test can inject into the loopback server, to check that the operator converges anyway.</summary>
public sealed class Faults
{
    private int _conflicts;
    private int _errors;
    private int _writeErrors;
    private int _throttles;
    private int _expireWatches;
    private Outage? _outage;
    private volatile string? _throttledAgent;
    private volatile string? _failedWriter;
    private volatile string? _expiredWatcher;
    private int _unvalidated;

    /// <summary>The next <paramref name="count"/> writes (PUT, PATCH) fail with 409 Conflict.</summary>
    public void ConflictNextWrites(int count) => Interlocked.Exchange(ref _conflicts, count);

    /// <summary>The next <paramref name="count"/> requests fail with 500.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _errors, count);

    /// <summary>The next <paramref name="count"/> writes (POST, PUT, PATCH, DELETE) of clients whose User-Agent contains
    /// <paramref name="userAgent"/> (or of every client) fail with 500; reads and watches are served.</summary>
    public void FailNextWrites(int count, string? userAgent = null)
    {
        _failedWriter = userAgent;
        Interlocked.Exchange(ref _writeErrors, count);
    }

    /// <summary>The next <paramref name="count"/> requests (of clients whose User-Agent contains <paramref name="userAgent"/>, or
    /// of every client) get 429 Too Many Requests with Retry-After: 1, as from the API server's priority and fairness.</summary>
    public void ThrottleNextRequests(int count, string? userAgent = null) => ThrottleNextRequests(count, TimeSpan.FromSeconds(1), userAgent);

    /// <summary>As <see cref="ThrottleNextRequests(int, string?)"/>, with a Retry-After of <paramref name="retryAfter"/> (whole
    /// seconds, at least 1).</summary>
    public void ThrottleNextRequests(int count, TimeSpan retryAfter, string? userAgent = null)
    {
        _throttledAgent = userAgent;
        RetryAfter = retryAfter;
        Interlocked.Exchange(ref _throttles, count);
    }

    /// <summary>The next <paramref name="count"/> writes skip pruning, defaults and schema and CEL validation, so
    /// that a test can store an object the operator cannot decode (a workflow with <c>memoryMiB: "lots"</c>).</summary>
    public void SkipValidationOfNextWrites(int count) => Interlocked.Exchange(ref _unvalidated, count);

    /// <summary>The next <paramref name="count"/> watches get 410 Gone, as when their resourceVersion is too old.</summary>
    public void ExpireNextWatches(int count) => ExpireNextWatches(count, null);

    /// <summary>As <see cref="ExpireNextWatches(int)"/>, only for clients whose User-Agent contains <paramref name="userAgent"/>
    /// (or every client when null), so another client's watch cannot take the expiry meant for the one under test.</summary>
    public void ExpireNextWatches(int count, string? userAgent)
    {
        _expiredWatcher = userAgent;
        Interlocked.Exchange(ref _expireWatches, count);
    }

    /// <summary>Takes the server down, for every client or (a one-sided partition) only for those whose User-Agent
    /// contains <paramref name="userAgent"/>: each of their requests waits <paramref name="after"/>, then gets
    /// <paramref name="answer"/>. Open watches are closed, so watchers meet the outage when they reconnect. Until
    /// <see cref="EndOutage"/>.</summary>
    public void TakeDown(OutageAnswer answer, TimeSpan after, string? userAgent = null)
    {
        Interlocked.Exchange(ref _outage, new Outage(answer, after, userAgent))?.End();
        DropWatches();
    }

    /// <summary>Serves every client again; requests still held by the outage get its answer now.</summary>
    public void EndOutage() => Interlocked.Exchange(ref _outage, null)?.End();

    /// <summary>Added to every request's time.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Raised to close every open watch stream at once.</summary>
    public event Action? WatchesDropped;

    public void DropWatches() => WatchesDropped?.Invoke();

    internal bool TakeConflict() => Take(ref _conflicts);

    internal bool TakeError() => Take(ref _errors);

    internal bool TakeExpiry(string? userAgent) => Matches(_expiredWatcher, userAgent) && Take(ref _expireWatches);

    internal bool TakeSkipValidation() => Take(ref _unvalidated);

    private TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure a request meets before it is served, if any: an outage (after its delay, or a reset when the
    /// client gives up first), a throttle or a failed write. Null: serve it.</summary>
    internal async Task<InjectedFailure?> BeforeRequestAsync(string method, string? userAgent, CancellationToken aborted)
    {
        if (Volatile.Read(ref _outage) is { } outage && Matches(outage.UserAgent, userAgent))
        {
            // Held for the delay, or until the client gives up (its connection is gone) or the outage ends.
            await Task.WhenAny(Task.Delay(outage.After, aborted), outage.Ended).ConfigureAwait(false);
            if (aborted.IsCancellationRequested)
            {
                return new InjectedFailure(0, "", "", Reset: true);
            }
            return outage.Answer == OutageAnswer.ConnectionReset
                ? new InjectedFailure(0, "", "", Reset: true)
                : new InjectedFailure(503, "ServiceUnavailable", "injected outage: the server is unavailable");
        }
        if (Matches(_throttledAgent, userAgent) && Take(ref _throttles))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
            return new InjectedFailure(429, "TooManyRequests", "injected throttle: too many requests, please try again later",
                RetryAfterSeconds: seconds);
        }
        if (method is "POST" or "PUT" or "PATCH" or "DELETE" && Matches(_failedWriter, userAgent) && Take(ref _writeErrors))
        {
            return new InjectedFailure(500, "InternalError", "injected write failure");
        }
        return null;
    }

    private static bool Matches(string? wanted, string? userAgent) => wanted is null || userAgent?.Contains(wanted, StringComparison.Ordinal) == true;

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private sealed record Outage(OutageAnswer Answer, TimeSpan After, string? UserAgent)
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ended => _ended.Task;

        public void End() => _ended.TrySetResult();
    }
}

/// <summary>How requests are answered during an outage.</summary>
public enum OutageAnswer
{
    /// <summary>The connection is reset: no HTTP answer at all.</summary>
    ConnectionReset,

    /// <summary>503 Service Unavailable.</summary>
    ServiceUnavailable,
}

/// <summary>An injected answer: a Status with its code and reason, or a reset connection.</summary>
internal sealed record InjectedFailure(int Code, string Reason, string Message, bool Reset = false, int? RetryAfterSeconds = null);

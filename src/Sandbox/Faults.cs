namespace Tern.Sandbox;

/// <summary>Failures a test can inject into the loopback server, to check that the operator converges anyway.</summary>
public sealed class Faults
{
    private int _conflicts;
    private int _errors;
    private int _expireWatches;
    private int _throttled;
    private int _unvalidated;

    /// <summary>The next <paramref name="count"/> writes (PUT, PATCH) fail with 409 Conflict.</summary>
    public void ConflictNextWrites(int count) => Interlocked.Exchange(ref _conflicts, count);

    /// <summary>The next <paramref name="count"/> requests fail with 500.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _errors, count);

    /// <summary>The next <paramref name="count"/> watches get 410 Gone, as when their resourceVersion is too old.</summary>
    public void ExpireNextWatches(int count) => Interlocked.Exchange(ref _expireWatches, count);

    /// <summary>The next <paramref name="count"/> requests fail with 429 Too Many Requests and a Retry-After of
    /// <paramref name="retryAfter"/> (whole seconds, at least 1), as an API server's priority and fairness answers.</summary>
    public void ThrottleNextRequests(int count, TimeSpan retryAfter)
    {
        RetryAfter = retryAfter;
        Interlocked.Exchange(ref _throttled, count);
    }

    /// <summary>The next <paramref name="count"/> writes skip pruning, defaults and schema and CEL validation, so
    /// that a test can store an object the operator cannot decode (a workflow with <c>memoryMiB: "lots"</c>).</summary>
    public void SkipValidationOfNextWrites(int count) => Interlocked.Exchange(ref _unvalidated, count);

    /// <summary>Added to every request's time.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Raised to close every open watch stream at once.</summary>
    public event Action? WatchesDropped;

    public void DropWatches() => WatchesDropped?.Invoke();

    internal bool TakeConflict() => Take(ref _conflicts);

    internal bool TakeError() => Take(ref _errors);

    internal bool TakeExpiry() => Take(ref _expireWatches);

    internal bool TakeThrottle() => Take(ref _throttled);

    internal bool TakeSkipValidation() => Take(ref _unvalidated);

    internal TimeSpan RetryAfter { get; private set; } = TimeSpan.FromSeconds(1);

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
}

namespace Tern.Carbon.Http;

/// <summary>How provider requests are timed out and retried.</summary>
public sealed record RetryOptions
{
    /// <summary>Each attempt's limit; a provider that hangs must not hold a refresh forever.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper limit of one backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After that is waited for; a longer one fails the refresh now, which the next
    /// refresh interval retries, instead of holding a worker for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the jitter, so runs are reproducible.</summary>
    public int JitterSeed { get; init; } = 1;
}

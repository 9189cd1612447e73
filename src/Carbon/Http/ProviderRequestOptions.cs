namespace Tern.Carbon.Http;

/// <summary>How provider requests are timed out, retried and bounded. A whole refresh has its own deadline on top
/// (<see cref="CarbonRefresherOptions.RefreshTimeout"/>), which these per-request limits stay well inside.</summary>
public sealed record ProviderRequestOptions
{
    /// <summary>Each attempt's limit, the body included; a provider that hangs or trickles must not hold a refresh.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper limit of one backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After that is waited for; a longer one fails the refresh now, which the next
    /// refresh interval retries, instead of holding a worker for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest body read. The largest page Tern asks for (30 days of WattTime's 5-minute points) is
    /// about 0.6 MiB; anything far beyond is a wrong endpoint or a hostile one, and is refused unread.</summary>
    public long MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Seed of the jitter, so runs are reproducible.</summary>
    public int JitterSeed { get; init; } = 1;
}

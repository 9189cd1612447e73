namespace Tern.Aws.Http;

/// <summary>How calls are timed out and retried.</summary>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper limit of one backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each attempt's time limit; a service that hangs must not hold a reconcile forever.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the jitter, so runs are reproducible.</summary>
    public int JitterSeed { get; init; } = 1;

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry): capped exponential
    /// with "equal jitter" (half fixed, half random), so clients that failed together do not retry together.</summary>
    public TimeSpan Backoff(int retry, Random jitter)
    {
        ArgumentNullException.ThrowIfNull(jitter);
        var exponential = BaseDelay * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = exponential < MaxDelay ? exponential : MaxDelay;
        return capped * (0.5 + (0.5 * jitter.NextDouble()));
    }
}

namespace Tern.Aws.Http;

/// <summary>Told about every attempt of every call, so the operator can count them (a Prometheus counter by
/// service, operation and outcome) without this library depending on a metrics package.</summary>
public interface IAwsCallObserver
{
    /// <summary>One attempt finished. Implementations must be quick and must not throw.</summary>
    void OnAttempt(AwsAttempt attempt);
}

/// <summary>One attempt of a call.</summary>
/// <param name="Service">lambda, ecr, registry or dynamodb.</param>
/// <param name="Operation">The operation, e.g. UpdateFunctionCode.</param>
/// <param name="Region">The region the call went to.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Outcome">"success", or the failure kind in lower case (throttled, accessdenied, …).</param>
/// <param name="ErrorCode">The service's error code, when it failed with one.</param>
/// <param name="WillRetry">Whether another attempt follows.</param>
/// <param name="Elapsed">How long the attempt took.</param>
public sealed record AwsAttempt(
    string Service, string Operation, string Region, int Attempt, string Outcome, string? ErrorCode, bool WillRetry, TimeSpan Elapsed)
{
    public const string Success = "success";

    /// <summary>The outcome label of a failure kind.</summary>
    public static string OutcomeOf(AwsFailureKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>The observer used when the caller gives none.</summary>
public sealed class NoAwsCallObserver : IAwsCallObserver
{
    public static readonly NoAwsCallObserver Instance = new();

    private NoAwsCallObserver()
    {
    }

    public void OnAttempt(AwsAttempt attempt)
    {
    }
}

namespace Tern.Aws.Lambda.Model;

/// <summary>How Lambda runs an invocation.</summary>
public enum InvocationType
{
    /// <summary>Synchronous: the answer carries the function's result.</summary>
    RequestResponse,

    /// <summary>Asynchronous: Lambda queues the event and answers 202 at once.</summary>
    Event,

    /// <summary>Only checks that the caller may invoke.</summary>
    DryRun,
}

/// <summary>Invoke a function.</summary>
public sealed record InvokeRequest
{
    public required string FunctionName { get; init; }

    public InvocationType InvocationType { get; init; } = InvocationType.RequestResponse;

    public ReadOnlyMemory<byte> Payload { get; init; }

    public string? Qualifier { get; init; }
}

/// <summary>Invoke's answer.</summary>
/// <param name="StatusCode">200 for RequestResponse, 202 for Event, 204 for DryRun.</param>
/// <param name="Payload">The function's result (empty for Event).</param>
/// <param name="FunctionError">Set (Unhandled) when the function itself failed; the payload then holds the error.</param>
/// <param name="ExecutedVersion">The version that ran.</param>
public sealed record InvokeResponse(int StatusCode, ReadOnlyMemory<byte> Payload, string? FunctionError, string? ExecutedVersion);

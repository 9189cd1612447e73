namespace Tern.Planning.Profiles;

/// <summary>One recorded execution of a function instance, as the profile needs it (the operator maps the invocation
/// records, src/Aws/Records, to these).</summary>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Instance">The instance that ran.</param>
/// <param name="Region">Where it ran.</param>
/// <param name="RequestId">Lambda's request id; seen twice means the execution was retried.</param>
/// <param name="DurationSeconds">How long it ran.</param>
/// <param name="ColdStart">The first execution of a fresh copy.</param>
/// <param name="Caller">Who called it and the call's latency; null for a run's entry.</param>
/// <param name="Successors">Every successor the workflow declares for the instance: called or not, and the payload.</param>
/// <param name="Failed">The handler failed.</param>
public sealed record ExecutionSample(
    string RunId,
    string Instance,
    string Region,
    string RequestId,
    double DurationSeconds,
    bool ColdStart,
    SampleCaller? Caller,
    IReadOnlyList<SampleCall> Successors,
    bool Failed);

/// <param name="Instance">The calling instance.</param>
/// <param name="Region">The caller's region.</param>
/// <param name="LatencySeconds">From the call being sent to the execution starting.</param>
public sealed record SampleCaller(string Instance, string Region, double LatencySeconds);

/// <param name="Instance">The successor instance.</param>
/// <param name="Called">True when called, false for a conditional non-call.</param>
/// <param name="PayloadBytes">The payload's size (0 when not called).</param>
public sealed record SampleCall(string Instance, bool Called, long PayloadBytes);

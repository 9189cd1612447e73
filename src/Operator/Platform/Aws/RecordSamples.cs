using Tern.Aws.Records;
using Tern.Planning.Profiles;

namespace Tern.Operator.Platform.Aws;

/// <summary>An invocation record (the wire format functions write) as the profile's input.</summary>
internal static class RecordSamples
{
    public static ExecutionSample From(InvocationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ExecutionSample(record.RunId, record.Instance, record.Region, record.RequestId, record.DurationMs / 1000, record.ColdStart,
            record.Caller is { } caller ? new SampleCaller(caller.Instance, caller.Region, caller.LatencyMs / 1000) : null,
            [.. record.Successors.Select(s => new SampleCall(s.Instance, s.Called, s.PayloadBytes))], record.Error is not null);
    }
}

using System.Text;
using System.Text.Json;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;

namespace Tern.Aws.Placement;

/// <summary>Starts a run of a workflow the way `tern invoke` does: an asynchronous invocation of the entry function's copy
/// that the placement names now, with a run id chosen here so the caller can print it. The event is the start form of
/// the function library's envelope (src/Functions/README.md): {"tern":{"runId","instance","hops":0},"payload":…}.</summary>
public sealed class RunStarter(Func<string, ILambdaClient> lambda, TimeProvider clock)
{
    /// <summary>Invokes the entry with <paramref name="payloadJson"/>.</summary>
    /// <exception cref="ArgumentException">The payload is not JSON, or the placement has no call graph or no copy of the entry.</exception>
    /// <exception cref="Tern.Aws.Lambda.Client.LambdaException">Lambda refused the invocation.</exception>
    public async Task<StartedRun> StartAsync(PlacementRecord placement, string payloadJson, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(payloadJson);
        try
        {
            using var _ = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The payload is not JSON ({e.Message}).", nameof(payloadJson), e);
        }
        var entry = placement.Graph?.Entry ?? throw new ArgumentException(
            $"The placement of {placement.Namespace}/{placement.Workflow} has no call graph; it was written by an older operator.",
            nameof(placement));
        var target = placement.TargetAt(entry, clock.GetUtcNow()) ?? throw new ArgumentException(
            $"The placement of {placement.Namespace}/{placement.Workflow} names no copy of its entry {entry}.", nameof(placement));
        var runId = Guid.NewGuid().ToString("N");
        var context = JsonSerializer.Serialize(new Dictionary<string, object> { ["runId"] = runId, ["instance"] = entry, ["hops"] = 0 });
        await lambda(target.Region).InvokeAsync(new InvokeRequest
        {
            FunctionName = target.FunctionArn,
            InvocationType = InvocationType.Event,
            Payload = Encoding.UTF8.GetBytes($$"""{"tern":{{context}},"payload":{{payloadJson}}}"""),
        }, ct).ConfigureAwait(false);
        return new StartedRun(runId, target);
    }
}

/// <summary>A run started: its id and the copy of the entry that got the event.</summary>
public sealed record StartedRun(string RunId, PlacementTarget Entry);

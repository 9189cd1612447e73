using System.Text;
using System.Text.Json;
using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Functions.Joins;
using Tern.Functions.Routing;

namespace Tern.Functions.Execution;

/// <summary>The router of one execution: resolves each call to a successor instance, sends it where the placement
/// says (or records it at the join), and when the handler is done tells every successor it did not call — and,
/// through them, every join further on — not to wait.</summary>
internal sealed class Router(FunctionServices services, PlacementRecord placement, Envelope run) : IWorkflowRouter
{
    /// <summary>Lambda's limit for an asynchronous invocation's event, in bytes.</summary>
    public const int AsyncPayloadLimitBytes = 256 * 1024;

    private readonly CallGraph _graph = placement.Graph!;
    private readonly IReadOnlyList<string> _successors = placement.Graph!.Instances[run.Instance].Successors;
    private readonly SuccessorCall?[] _calls = new SuccessorCall?[placement.Graph!.Instances[run.Instance].Successors.Count];

    public string RunId => run.RunId;

    public string Instance => run.Instance;

    /// <summary>What happened to each declared successor, in the graph's order (not called: false).</summary>
    public IReadOnlyList<SuccessorCall> Calls =>
        [.. _successors.Select((s, i) => _calls[i] ?? new SuccessorCall(s, false, null, 0))];

    public async Task InvokeAsync(string function, string payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using var _ = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The payload for {function} is not JSON ({e.Message}); send JSON text.", nameof(payload), e);
        }
        var index = NextSuccessor(function);
        var successor = _successors[index];
        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (_graph.Instances[successor].Join)
        {
            var progress = await services.Runs.MarkAsync(run.RunId, successor, run.Instance, PredecessorState.Called, payload,
                _graph.Predecessors(successor).Count, ct).ConfigureAwait(false);
            _calls[index] = new SuccessorCall(successor, true, Region(successor), bytes);
            await ActOnJoinAsync(successor, progress, ct).ConfigureAwait(false);
            return;
        }
        var region = await SendAsync(successor, payload, join: false, ct).ConfigureAwait(false);
        _calls[index] = new SuccessorCall(successor, true, region, bytes);
    }

    /// <summary>Tells every successor not called that it will not be, with <paramref name="state"/> (Skipped after a
    /// success, Failed after the handler threw), so joins downstream are released instead of waiting forever.</summary>
    public async Task ReleaseUncalledAsync(PredecessorState state, CancellationToken ct)
    {
        for (var i = 0; i < _successors.Count; i++)
        {
            if (_calls[i] is null)
            {
                await NotComingAsync(_successors[i], run.Instance, state, ct).ConfigureAwait(false);
            }
        }
    }

    private int NextSuccessor(string function)
    {
        var made = _calls.Where((c, i) => c is not null && _graph.Instances[_successors[i]].Function == function).Count();
        var candidates = _successors.Select((s, i) => (s, i)).Where(p => _graph.Instances[p.s].Function == function).ToList();
        if (candidates.Count == 0)
        {
            var declared = string.Join(", ", _successors.Select(s => _graph.Instances[s].Function).Distinct());
            throw new WorkflowRoutingException($"{run.Instance} called {function}, which the workflow does not declare among its calls " +
                                               $"({(declared.Length == 0 ? "none" : declared)}); add it to the function's calls in the manifest.");
        }
        if (made >= candidates.Count)
        {
            throw new WorkflowRoutingException($"{run.Instance} called {function} {made + 1} times in one run, but the workflow declares " +
                                               $"{candidates.Count} call(s); declare one entry in calls per call.");
        }
        return candidates[made].i;
    }

    // Instance `instance` will not run in this run (or `from` will not call it): a join records the mark and acts when
    // complete; any other instance passes the news on to its own successors.
    private async Task NotComingAsync(string instance, string from, PredecessorState state, CancellationToken ct)
    {
        if (_graph.Instances[instance].Join)
        {
            var progress = await services.Runs.MarkAsync(run.RunId, instance, from, state, null, _graph.Predecessors(instance).Count, ct)
                .ConfigureAwait(false);
            await ActOnJoinAsync(instance, progress, ct).ConfigureAwait(false);
            return;
        }
        foreach (var next in _graph.Instances[instance].Successors)
        {
            await NotComingAsync(next, instance, state, ct).ConfigureAwait(false);
        }
    }

    // Only the predecessor whose mark completed the join acts: it starts the join when someone called it and nobody
    // failed; otherwise the join will not run either, and its successors are told so.
    private async Task ActOnJoinAsync(string join, JoinProgress progress, CancellationToken ct)
    {
        if (!progress.FiredNow)
        {
            return;
        }
        if (progress.AnyCalled && !progress.AnyFailed)
        {
            await SendAsync(join, null, join: true, ct).ConfigureAwait(false);
            return;
        }
        var state = progress.AnyFailed ? PredecessorState.Failed : PredecessorState.Skipped;
        foreach (var next in _graph.Instances[join].Successors)
        {
            await NotComingAsync(next, join, state, ct).ConfigureAwait(false);
        }
    }

    private string Region(string instance) =>
        RouteResolver.Resolve(placement, instance, run.Home == true, services.Clock.GetUtcNow()).Target.Region;

    /// <summary>Invokes the instance's copy asynchronously; falls back to the home copy when the planned one is missing.</summary>
    private async Task<string> SendAsync(string instance, string? payload, bool join, CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow();
        var route = RouteResolver.Resolve(placement, instance, run.Home == true, now);
        var envelope = new Envelope
        {
            RunId = run.RunId,
            Instance = instance,
            Hops = run.Hops + 1,
            Home = run.Home,
            CallerInstance = run.Instance,
            CallerRegion = services.Options.Region,
            SentAt = now,
            Join = join,
        };
        var body = envelope.Serialize(payload);
        if (body.Length > AsyncPayloadLimitBytes)
        {
            throw new PayloadTooLargeException($"The call from {run.Instance} to {instance} is {body.Length:N0} bytes with Tern's envelope; Lambda " +
                $"accepts at most {AsyncPayloadLimitBytes:N0} bytes for an asynchronous invocation. Store large data elsewhere (for example " +
                "S3) and pass its key.");
        }
        try
        {
            await InvokeAsync(route.Target, body, ct).ConfigureAwait(false);
            return route.Target.Region;
        }
        catch (LambdaException e) when (e.Kind == Tern.Aws.Http.AwsFailureKind.NotFound && route.Target != route.Home)
        {
            await InvokeAsync(route.Home, body, ct).ConfigureAwait(false);
            return route.Home.Region;
        }
    }

    private Task<InvokeResponse> InvokeAsync(PlacementTarget target, byte[] body, CancellationToken ct) =>
        services.Lambda(target.Region).InvokeAsync(new InvokeRequest
        {
            FunctionName = target.FunctionArn,
            InvocationType = InvocationType.Event,
            Payload = body,
        }, ct);
}

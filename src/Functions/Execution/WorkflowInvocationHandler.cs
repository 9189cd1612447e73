using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Tern.Aws.Http;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Functions.Joins;
using Tern.Functions.Routing;
using Tern.Functions.Runtime;

namespace Tern.Functions.Execution;

/// <summary>One execution of a Tern function: work out which run and instance the event is for (a client's event
/// starts a run at the entry), read the placement, run the handler with a router, release what it did not call, mark
/// the run failed if it threw, and write the execution's invocation record.</summary>
internal sealed class WorkflowInvocationHandler(FunctionServices services, TernHandler handler) : IInvocationHandler
{
    private bool _coldStart = true;

    public async Task<string?> HandleAsync(RuntimeInvocation invocation, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var options = services.Options;
        var startedAt = services.Clock.GetUtcNow();
        var started = services.Clock.GetTimestamp();
        var coldStart = _coldStart;
        _coldStart = false;

        Envelope? context;
        string payload;
        try
        {
            (context, payload) = Envelope.Parse(invocation.Body);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The event for {options.Function} is not JSON ({e.Message}).", nameof(invocation), e);
        }
        var placement = await services.Placements.GetAsync(fresh: context is null || context.Hops == 0, deadline).ConfigureAwait(false)
            ?? throw new WorkflowRoutingException($"No placement is published for {options.WorkflowNamespace}/{options.WorkflowName} in table " +
                $"{options.PlacementTable} ({options.TableRegion}); the operator publishes it once the home copies are Active.");
        var graph = placement.Graph ?? throw new WorkflowRoutingException(
            $"The placement of {options.WorkflowNamespace}/{options.WorkflowName} has no call graph; it was written by an older operator. " +
            "Upgrade it.");
        var run = Start(context, graph, options.Function);
        if (run.Hops > options.MaxHops)
        {
            var message = $"The run reached {run.Instance} after {run.Hops} calls, more than the limit of {options.MaxHops} " +
                          $"({TernFunctionOptions.MaxHopsVariable}).";
            await services.Runs.FailAsync(run.RunId, run.Instance, message, deadline).ConfigureAwait(false);
            throw new WorkflowRoutingException(message);
        }
        if (run.Join)
        {
            var payloads = await services.Runs.PayloadsAsync(run.RunId, run.Instance, graph.Predecessors(run.Instance), deadline)
                .ConfigureAwait(false);
            payload = "[" + string.Join(",", payloads) + "]";
        }

        var router = new Router(services, placement, run);
        string? response = null;
        ExceptionDispatchInfo? failure = null;
        try
        {
            response = await handler(payload, router, deadline).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || deadline.IsCancellationRequested)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        // Releasing joins and recording must happen even past the deadline: Lambda still gives a moment after it.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10), services.Clock);
        await router.ReleaseUncalledAsync(failure is null ? PredecessorState.Skipped : PredecessorState.Failed, cleanup.Token).ConfigureAwait(false);
        var error = failure is null ? null : Describe(failure.SourceException, deadline);
        if (error is not null)
        {
            await services.Runs.FailAsync(run.RunId, run.Instance, error, cleanup.Token).ConfigureAwait(false);
        }
        await RecordAsync(invocation, run, placement, startedAt, started, coldStart, payload, router, error, cleanup.Token).ConfigureAwait(false);
        failure?.Throw();
        return response;
    }

    private Envelope Start(Envelope? context, CallGraph graph, string function)
    {
        if (context is null)
        {
            var entry = graph.Instances[graph.Entry].Function;
            if (entry != function)
            {
                throw new WorkflowRoutingException($"{function} received an event without Tern's context; only the entry function {entry} starts a " +
                                                   "run. Invoke the workflow through its entry (`tern invoke`).");
            }
            return new Envelope { RunId = FunctionServices.NewRunId(), Instance = graph.Entry, Home = services.DrawHomeRun() };
        }
        if (!graph.Instances.TryGetValue(context.Instance, out var instance) || instance.Function != function)
        {
            throw new WorkflowRoutingException($"{function} received an event for instance {context.Instance}, which runs " +
                $"{(instance is null ? "nothing in this workflow's graph" : instance.Function)}; the caller routed by a different placement.");
        }
        return context.Home is null ? context with { Home = services.DrawHomeRun() } : context;
    }

    private static string Describe(Exception e, CancellationToken deadline) =>
        e is OperationCanceledException && deadline.IsCancellationRequested ? "the execution ran past its deadline" : e.Message;

    private async Task RecordAsync(RuntimeInvocation invocation, Envelope run, PlacementRecord placement, DateTimeOffset startedAt, long started,
        bool coldStart, string payload, Router router, string? error, CancellationToken ct)
    {
        var options = services.Options;
        var calls = router.Calls;
        var record = new InvocationRecord
        {
            RunId = run.RunId,
            Workflow = PlacementStore.Key(options.WorkflowNamespace, options.WorkflowName),
            Instance = run.Instance,
            Function = options.Function,
            Region = options.Region,
            RequestId = invocation.RequestId,
            StartedAt = startedAt,
            DurationMs = services.Clock.GetElapsedTime(started).TotalMilliseconds,
            BilledMemoryMiB = options.MemoryMiB,
            ColdStart = coldStart,
            PayloadBytesIn = Encoding.UTF8.GetByteCount(payload),
            PayloadBytesOut = calls.Sum(c => c.PayloadBytes),
            HomeRun = run.Home == true,
            PlacementVersion = placement.Version,
            Caller = run.CallerInstance is null
                ? null
                : new CallerInfo(run.CallerInstance, run.CallerRegion ?? "", Math.Max(0, (startedAt - (run.SentAt ?? startedAt)).TotalMilliseconds)),
            Successors = calls,
            Error = error,
        };
        try
        {
            await services.Records.WriteAsync(record, startedAt + options.RecordRetention, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            // A lost record costs one profile sample; failing the execution for it would cost the run.
            await Console.Error.WriteLineAsync($"tern: the invocation record of {run.Instance} in run {run.RunId} was not written: {e.Message}")
                .ConfigureAwait(false);
        }
    }
}

using System.Collections.Concurrent;
using Tern.Entities.Conditions;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;

namespace Tern.Operator.Controllers;

/// <summary>The decisions about a ServerlessWorkflow: validate; keep the home copies; decide when to plan;
/// deploy what a new plan needs and publish it only once every copy it routes to is Active; remove copies
/// no longer used after a grace period; clean up on delete unless the policy is Retain; honour suspend.</summary>
internal sealed class ServerlessWorkflowReconciler(
    CustomResourceClient<ServerlessWorkflow> client,
    IFunctionPlatform platform,
    WorkflowPlanning planning,
    EventRecorder events,
    TimeProvider clock,
    WorkflowControllerOptions options) : IReconciler<ServerlessWorkflow>
{
    public const string Finalizer = "tern.dev/function-copies";

    private readonly StatusWriter<ServerlessWorkflow, ServerlessWorkflowStatus> _status = new(client);
    private readonly Finalizers<ServerlessWorkflow> _finalizers = new(client, Finalizer);
    private readonly WorkflowValidator _validator = new(RegionCatalogue.Bundled);
    private readonly ConcurrentDictionary<ResourceKey, PendingPlan> _pending = new();
    private readonly ConcurrentDictionary<(ResourceKey, string, string), DateTimeOffset> _unusedSince = new();

    public async Task<ReconcileResult> ReconcileAsync(ServerlessWorkflow workflow, CancellationToken cancellationToken)
    {
        var id = new WorkflowId(workflow.Metadata.NamespaceProperty, workflow.Metadata.Name);
        if (workflow.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(workflow, id, cancellationToken).ConfigureAwait(false);
        }
        var status = new WorkflowStatusBuilder(workflow, clock.GetUtcNow());
        var errors = _validator.Validate(workflow);
        if (errors.Count > 0)
        {
            var message = string.Join("; ", errors);
            await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Invalid(message), cancellationToken).ConfigureAwait(false);
            await events.RecordAsync(workflow, "Warning", "InvalidSpec", Shorten(message), cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException($"invalid spec ({errors.Count} problem(s)); waiting for a change");
        }
        if (workflow.Spec.Suspend)
        {
            await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Suspended(), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        // The finalizer goes on before any copy exists, so a delete can never leak one.
        workflow = await _finalizers.AddAsync(workflow, cancellationToken).ConfigureAwait(false);

        var home = await EnsureCopiesAsync(workflow, id, [.. workflow.Spec.Functions.Select(f => (f.Name, workflow.Spec.HomeRegion))], cancellationToken).ConfigureAwait(false);
        if (home.Failed.Count > 0 || home.Pending.Count > 0)
        {
            await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Deploying(home, "home region"), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(home.Failed.Count > 0 ? options.FailureRetry : options.PollInterval);
        }
        if (await platform.GetPlacementAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            await platform.PublishPlacementAsync(WorkflowPlacement.Home(workflow, id), cancellationToken).ConfigureAwait(false);
        }

        var total = await platform.InvocationCountAsync(id, cancellationToken).ConfigureAwait(false);
        var key = CustomResourceClient<ServerlessWorkflow>.KeyOf(workflow);
        var pending = _pending.GetValueOrDefault(key);
        if (pending is null || pending.Generation != workflow.Metadata.Generation)
        {
            var decision = planning.ShouldPlan(workflow, total, clock.GetUtcNow());
            if (decision.Reason is null)
            {
                await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Settled(home.States, total, decision.WaitingFor), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(decision.CheckAgainIn);
            }
            var outcome = planning.Plan(workflow, clock);
            if (outcome.Error is not null)
            {
                await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).PlanFailed(outcome.Error, home.States, total), cancellationToken).ConfigureAwait(false);
                await events.RecordAsync(workflow, "Warning", "PlanFailed", Shorten(outcome.Error), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(options.FailureRetry);
            }
            pending = new PendingPlan(workflow.Metadata.Generation ?? 0, outcome.Plan!, outcome.CarbonRefreshedAt, decision.Reason);
            _pending[key] = pending;
        }

        var record = WorkflowPlacement.From(workflow, id, pending.Plan);
        var deployed = await EnsureCopiesAsync(workflow, id, [.. record.Targets], cancellationToken).ConfigureAwait(false);
        if (deployed.Failed.Count > 0 || deployed.Pending.Count > 0)
        {
            // The previous placement stays published until every copy of the new one is Active.
            await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Deploying(deployed, "the new plan"), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(deployed.Failed.Count > 0 ? options.FailureRetry : options.PollInterval);
        }
        await platform.PublishPlacementAsync(record, cancellationToken).ConfigureAwait(false);
        var copies = await platform.ListCopiesAsync(id, cancellationToken).ConfigureAwait(false);
        await _status.UpdateAsync(workflow, w => new WorkflowStatusBuilder(w, clock.GetUtcNow()).Planned(pending, copies, total), cancellationToken).ConfigureAwait(false);
        _pending.TryRemove(key, out _);
        await events.RecordAsync(workflow, "Normal", "PlanPublished", $"{pending.Plan.Summary} ({pending.Reason}); carbon saved {pending.Plan.CarbonSavings}", cancellationToken).ConfigureAwait(false);
        await RemoveUnusedAsync(workflow, id, record, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.After(options.CheckInterval);
    }

    public Task DeletedAsync(ServerlessWorkflow entity, CancellationToken cancellationToken)
    {
        var key = CustomResourceClient<ServerlessWorkflow>.KeyOf(entity);
        _pending.TryRemove(key, out _);
        planning.Forget(key);
        foreach (var unused in _unusedSince.Keys.Where(k => k.Item1 == key).ToList())
        {
            _unusedSince.TryRemove(unused, out _);
        }
        return Task.CompletedTask;
    }

    private async Task<ReconcileResult> FinalizeAsync(ServerlessWorkflow workflow, WorkflowId id, CancellationToken cancellationToken)
    {
        if (!Finalizers<ServerlessWorkflow>.Has(workflow, Finalizer))
        {
            return ReconcileResult.Done;
        }
        if (workflow.Spec.DeletionPolicy == DeletionPolicy.Delete)
        {
            foreach (var copy in await platform.ListCopiesAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await platform.DeleteCopyAsync(id, copy.Spec.Function, copy.Spec.Region, cancellationToken).ConfigureAwait(false);
            }
            // The finalizer stays until the platform confirms nothing is left.
            var left = await platform.ListCopiesAsync(id, cancellationToken).ConfigureAwait(false);
            if (left.Count > 0)
            {
                return ReconcileResult.After(options.PollInterval);
            }
            await events.RecordAsync(workflow, "Normal", "CopiesDeleted", "every function copy was deleted", cancellationToken).ConfigureAwait(false);
        }
        await _finalizers.RemoveAsync(workflow, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task<DeploymentState> EnsureCopiesAsync(ServerlessWorkflow workflow, WorkflowId id, IReadOnlyList<(string Function, string Region)> targets, CancellationToken cancellationToken)
    {
        var states = new List<CopyReport>();
        foreach (var (function, region) in targets.Distinct())
        {
            var spec = workflow.Spec.Functions.First(f => f.Name == function);
            states.Add(await platform.EnsureCopyAsync(WorkflowPlacement.CopySpec(workflow, id, spec, region), cancellationToken).ConfigureAwait(false));
        }
        return new DeploymentState(states);
    }

    private async Task RemoveUnusedAsync(ServerlessWorkflow workflow, WorkflowId id, PlacementRecord record, CancellationToken cancellationToken)
    {
        var key = CustomResourceClient<ServerlessWorkflow>.KeyOf(workflow);
        var used = record.Targets.Concat(workflow.Spec.Functions.Select(f => (f.Name, workflow.Spec.HomeRegion))).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var copy in await platform.ListCopiesAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var copyKey = (key, copy.Spec.Function, copy.Spec.Region);
            if (used.Contains((copy.Spec.Function, copy.Spec.Region)))
            {
                _unusedSince.TryRemove(copyKey, out _);
                continue;
            }
            // Calls already in flight may still reach an old copy; it goes only after the grace period.
            var since = _unusedSince.GetOrAdd(copyKey, now);
            if (now - since >= options.UnusedCopyGrace)
            {
                await platform.DeleteCopyAsync(id, copy.Spec.Function, copy.Spec.Region, cancellationToken).ConfigureAwait(false);
                _unusedSince.TryRemove(copyKey, out _);
            }
        }
    }

    private static string Shorten(string message) => message.Length <= 1000 ? message : message[..997] + "...";
}

/// <summary>A plan made but not yet published (its copies are still being deployed).</summary>
internal sealed record PendingPlan(long Generation, PlanStatus Plan, DateTimeOffset CarbonRefreshedAt, string Reason);

/// <summary>The copies a reconcile ensured, by state.</summary>
internal sealed record DeploymentState(IReadOnlyList<CopyReport> States)
{
    public IReadOnlyList<CopyReport> Pending => [.. States.Where(s => s.Status == CopyStatus.Pending)];

    public IReadOnlyList<CopyReport> Failed => [.. States.Where(s => s.Status == CopyStatus.Failed)];
}

/// <summary>Timings of the workflow controller.</summary>
internal sealed record WorkflowControllerOptions
{
    /// <summary>How soon to look again while copies deploy.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How soon to retry after a failed deployment or plan.</summary>
    public TimeSpan FailureRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a settled workflow is checked for new invocations, expiry and carbon changes.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a copy no plan uses is kept before it is deleted.</summary>
    public TimeSpan UnusedCopyGrace { get; init; } = TimeSpan.FromMinutes(10);
}

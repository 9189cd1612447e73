using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.Operator.Monitoring;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Planning.Profiles;

namespace Tern.Operator.Controllers;

/// <summary>The decisions about a ServerlessWorkflow: validate; keep the home copies; decide when to plan (the plan
/// itself is made in the background, within a budget, and picked up by a later reconcile); deploy what a new plan
/// needs and publish it only once every copy it routes to is Active; remove copies no longer used after a grace
/// period; clean up on delete unless the policy is Retain; honour suspend.
/// Every decision that spans reconciles (the plan being deployed, since when a copy is unused, the carbon a
/// plan was made with) is kept in the status, so another operator instance continues where this one stopped.</summary>
internal sealed class ServerlessWorkflowReconciler(
    ControllerContext<ServerlessWorkflow, ServerlessWorkflowStatus> context,
    IFunctionPlatform platform,
    WorkflowPlanning planning,
    WorkflowValidator validator,
    WorkflowControllerOptions options,
    PlannerMetrics plannerMetrics) : IReconciler<ServerlessWorkflow>, IDisposable
{
    public const string Finalizer = "tern.dev/function-copies";

    private readonly Finalizers<ServerlessWorkflow> _finalizers = context.Finalizer(Finalizer);
    private readonly PlanningQueue _plans = new(options.Planning, context.Clock, context.Requeue, context.Logger, plannerMetrics);
    private StatusWriter<ServerlessWorkflow, ServerlessWorkflowStatus> Status => context.Status;
    private DateTimeOffset Now => context.Clock.GetUtcNow();

    public async Task<ReconcileResult> ReconcileAsync(ServerlessWorkflow workflow, CancellationToken cancellationToken)
    {
        try
        {
            return await ReconcileWithPlatformAsync(workflow, cancellationToken).ConfigureAwait(false);
        }
        catch (PlacementConflictException)
        {
            // Another operator instance wrote the placement meanwhile: start again from what is stored now.
            return ReconcileResult.After(options.PollInterval);
        }
        catch (FunctionPlatformException e)
        {
            await Status.UpdateAsync(workflow, w => Builder(w).PlatformFailed(e.Message), cancellationToken).ConfigureAwait(false);
            await context.Events.RecordAsync(workflow, "Warning", "PlatformFailed", Shorten(e.Message), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(options.FailureRetry);
        }
    }

    private async Task<ReconcileResult> ReconcileWithPlatformAsync(ServerlessWorkflow workflow, CancellationToken cancellationToken)
    {
        var id = new WorkflowId(workflow.Metadata.NamespaceProperty, workflow.Metadata.Name);
        if (workflow.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(workflow, id, cancellationToken).ConfigureAwait(false);
        }
        var errors = validator.Validate(workflow);
        if (errors.Count > 0)
        {
            var message = string.Join("; ", errors);
            await Status.UpdateAsync(workflow, w => Builder(w).Invalid(message), cancellationToken).ConfigureAwait(false);
            await context.Events.RecordAsync(workflow, "Warning", "InvalidSpec", Shorten(message), cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException($"invalid spec ({errors.Count} problem(s)); waiting for a change");
        }
        if (workflow.Spec.Suspend)
        {
            await Status.UpdateAsync(workflow, w => Builder(w).Suspended(), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        // The finalizer goes on before any copy exists, so a delete can never leak one.
        workflow = await _finalizers.AddAsync(workflow, cancellationToken).ConfigureAwait(false);

        var home = await EnsureCopiesAsync(workflow, id, HomeTargets(workflow), cancellationToken).ConfigureAwait(false);
        if (home.Failed.Count > 0 || home.Pending.Count > 0)
        {
            await Status.UpdateAsync(workflow, w => Builder(w).Deploying(home, "home region"), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(home.Failed.Count > 0 ? options.FailureRetry : options.PollInterval);
        }
        var published = await platform.GetPlacementAsync(id, cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            published = WorkflowPlacement.Home(workflow, id);
            await platform.PublishPlacementAsync(published, cancellationToken).ConfigureAwait(false);
        }

        var total = await platform.InvocationCountAsync(id, cancellationToken).ConfigureAwait(false);
        var pending = workflow.Status?.PendingPlan;
        if (pending is null || pending.Generation != workflow.Metadata.Generation || pending.Plan.ExpiresAt <= Now)
        {
            var decision = planning.ShouldPlan(workflow, total, Now);
            if (decision.Reason is null)
            {
                return await SettleAsync(workflow, id, published, home, total, decision, cancellationToken).ConfigureAwait(false);
            }
            var key = new ResourceKey(id.Namespace, id.Name);
            var request = new PlanRequest(workflow.Metadata.Uid, workflow.Metadata.Generation ?? 0);
            // The executions recorded since the last plan (all of them before the first) are what the next plan learns from.
            var since = workflow.Status?.Plan?.GeneratedAt ?? DateTimeOffset.UnixEpoch;
            var observed = ProfileAggregator.Aggregate(await platform.ExecutionsSinceAsync(id, since, cancellationToken).ConfigureAwait(false));
            var planned = _plans.Request(key, request, token => planning.Plan(workflow, context.Clock, observed, token));
            if (planned is not PlanningState.Done done)
            {
                return await NotPlannedAsync(workflow, key, planned, home, total, cancellationToken).ConfigureAwait(false);
            }
            pending = new PendingPlan { Generation = workflow.Metadata.Generation ?? 0, Reason = decision.Reason, Plan = done.Plan };
            // Recorded before any copy is deployed: whoever reconciles next deploys this plan, not a new one.
            workflow = await Status.UpdateAsync(workflow, w => Builder(w).PlanPending(pending), cancellationToken).ConfigureAwait(false);
            _plans.Forget(key);
        }

        var record = WorkflowPlacement.From(workflow, id, pending.Plan);
        var deployed = await EnsureCopiesAsync(workflow, id, [.. record.Targets], cancellationToken).ConfigureAwait(false);
        if (deployed.Failed.Count > 0 || deployed.Pending.Count > 0)
        {
            // The previous placement stays published until every copy of the new one is Active.
            await Status.UpdateAsync(workflow, w => Builder(w).Deploying(deployed, "the new plan"), cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(deployed.Failed.Count > 0 ? options.FailureRetry : options.PollInterval);
        }
        await platform.PublishPlacementAsync(record, cancellationToken).ConfigureAwait(false);
        var copies = await platform.ListCopiesAsync(id, WorkflowPlacement.Regions(workflow), cancellationToken).ConfigureAwait(false);
        var used = UsedBy(workflow, record);
        await Status.UpdateAsync(workflow, w => Builder(w).Planned(pending, copies, total, used), cancellationToken).ConfigureAwait(false);
        await context.Events.RecordAsync(workflow, "Normal", "PlanPublished",
            $"{pending.Plan.Summary} ({pending.Reason}); carbon saved {pending.Plan.CarbonSavings}", cancellationToken).ConfigureAwait(false);
        return ReconcileResult.After(options.CheckInterval);
    }

    // No new plan yet: the published placement stays while planning runs, and when it failed or ran out of time.
    private async Task<ReconcileResult> NotPlannedAsync(ServerlessWorkflow workflow, ResourceKey key, PlanningState state, DeploymentState home,
        long total, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case PlanningState.TimedOut timedOut:
                var message = TimedOutMessage(workflow, timedOut);
                await Status.UpdateAsync(workflow, w => Builder(w).PlanFailed("PlanningTimedOut", message, home.States, total), cancellationToken)
                    .ConfigureAwait(false);
                await context.Events.RecordAsync(workflow, "Warning", "PlanningTimedOut", message, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.After(options.CheckInterval);
            case PlanningState.Failed failed:
                await Status.UpdateAsync(workflow, w => Builder(w).PlanFailed("PlanFailed", failed.Error, home.States, total), cancellationToken)
                    .ConfigureAwait(false);
                await context.Events.RecordAsync(workflow, "Warning", "PlanFailed", Shorten(failed.Error), cancellationToken).ConfigureAwait(false);
                _plans.Forget(key);
                return ReconcileResult.After(options.FailureRetry);
            default:
                // In progress: the planning queue requeues the workflow when the plan is ready; this requeue is a safety net.
                return ReconcileResult.After(options.CheckInterval);
        }
    }

    public Task DeletedAsync(ServerlessWorkflow entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        _plans.Forget(new ResourceKey(entity.Metadata.NamespaceProperty, entity.Metadata.Name));
        return Task.CompletedTask;
    }

    /// <summary>Cancels the plans of this term of leadership.</summary>
    public void Dispose() => _plans.Dispose();

    // Nothing to plan: delete the copies whose grace period has run out and look again when the next one's does.
    private async Task<ReconcileResult> SettleAsync(ServerlessWorkflow workflow, WorkflowId id, PlacementRecord published, DeploymentState home,
        long total, PlanDecision decision, CancellationToken cancellationToken)
    {
        var used = UsedBy(workflow, published);
        var unused = UnusedCopies.Of(workflow.Status, used, Now);
        var expired = unused.Where(c => Now - c.Since >= options.UnusedCopyGrace).ToList();
        foreach (var copy in expired)
        {
            // Calls already in flight may have reached an old copy; it goes only after the grace period.
            await platform.DeleteCopyAsync(id, copy.Function, copy.Region, cancellationToken).ConfigureAwait(false);
        }
        var deleted = expired.Select(c => (c.Function, c.Region)).ToHashSet();
        await Status.UpdateAsync(workflow, w => Builder(w).Settled(home.States, total, decision.WaitingFor, used, deleted), cancellationToken)
            .ConfigureAwait(false);
        var nextDeletion = unused.Where(c => !deleted.Contains((c.Function, c.Region))).Select(c => c.Since + options.UnusedCopyGrace - Now)
            .DefaultIfEmpty(decision.CheckAgainIn).Min();
        return ReconcileResult.After(nextDeletion < decision.CheckAgainIn ? nextDeletion : decision.CheckAgainIn);
    }

    private async Task<ReconcileResult> FinalizeAsync(ServerlessWorkflow workflow, WorkflowId id, CancellationToken cancellationToken)
    {
        if (!Finalizers<ServerlessWorkflow>.Has(workflow, Finalizer))
        {
            return ReconcileResult.Done;
        }
        if (workflow.Spec.DeletionPolicy == DeletionPolicy.Delete)
        {
            // Functions stop routing to the copies before the copies go.
            await platform.DeletePlacementAsync(id, cancellationToken).ConfigureAwait(false);
            var regions = WorkflowPlacement.Regions(workflow);
            foreach (var copy in await platform.ListCopiesAsync(id, regions, cancellationToken).ConfigureAwait(false))
            {
                await platform.DeleteCopyAsync(id, copy.Spec.Function, copy.Spec.Region, cancellationToken).ConfigureAwait(false);
            }
            // The finalizer stays until the platform confirms nothing is left.
            var left = await platform.ListCopiesAsync(id, regions, cancellationToken).ConfigureAwait(false);
            if (left.Count > 0)
            {
                return ReconcileResult.After(options.PollInterval);
            }
            await context.Events.RecordAsync(workflow, "Normal", "CopiesDeleted", "every function copy was deleted", cancellationToken)
                .ConfigureAwait(false);
        }
        await _finalizers.RemoveAsync(workflow, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task<DeploymentState> EnsureCopiesAsync(ServerlessWorkflow workflow, WorkflowId id, IReadOnlyList<(string Function,
        string Region)> targets,
        CancellationToken cancellationToken)
    {
        var states = new List<CopyReport>();
        foreach (var (function, region) in targets.Distinct())
        {
            var spec = workflow.Spec.Functions.First(f => f.Name == function);
            states.Add(await platform.EnsureCopyAsync(WorkflowPlacement.CopySpec(workflow, id, spec, region),
                cancellationToken).ConfigureAwait(false));
        }
        return new DeploymentState(states);
    }

    private static List<(string Function, string Region)> HomeTargets(ServerlessWorkflow workflow) =>
        [.. workflow.Spec.Functions.Select(f => (f.Name, workflow.Spec.HomeRegion))];

    private static HashSet<(string Function, string Region)> UsedBy(ServerlessWorkflow workflow, PlacementRecord record) =>
        [.. record.Targets.Concat(HomeTargets(workflow))];

    private WorkflowStatusBuilder Builder(ServerlessWorkflow workflow) => new(workflow, Now);

    private static string TimedOutMessage(ServerlessWorkflow workflow, PlanningState.TimedOut timedOut) =>
        $"planning took longer than its {timedOut.Budget.TotalSeconds:0} s budget and was stopped, so the workflow keeps " +
        $"{(workflow.Status?.Plan is null ? "its home placement" : "its last plan")}; " +
        $"Tern tries again after {timedOut.RetryAt.UtcDateTime:HH:mm} UTC " +
        "or when the spec changes. The CoarseGrained or Heuristic algorithm, fewer time keys per day or fewer candidate regions plan faster";

    private static string Shorten(string message) => message.Length <= 1000 ? message : message[..997] + "...";
}

/// <summary>The copies a reconcile ensured, by state.</summary>
internal sealed record DeploymentState(IReadOnlyList<CopyReport> States)
{
    public IReadOnlyList<CopyReport> Pending => [.. States.Where(s => s.Status == CopyStatus.Pending)];

    public IReadOnlyList<CopyReport> Failed => [.. States.Where(s => s.Status == CopyStatus.Failed)];
}

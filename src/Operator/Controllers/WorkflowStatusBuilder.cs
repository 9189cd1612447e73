using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;

namespace Tern.Operator.Controllers;

/// <summary>Builds a workflow's status for each situation the controller meets, from the current status,
/// so what is not decided now (the published plan, the copies) is carried over unchanged.</summary>
internal sealed class WorkflowStatusBuilder(ServerlessWorkflow workflow, DateTimeOffset now)
{
    private readonly long _generation = workflow.Metadata.Generation ?? 0;
    private readonly ServerlessWorkflowStatus _current = workflow.Status ?? new ServerlessWorkflowStatus();

    public ServerlessWorkflowStatus Invalid(string message) =>
        Conditions(
            (WorkflowConditionTypes.Ready, ConditionStatus.False, "InvalidSpec", message),
            (WorkflowConditionTypes.Planned, ConditionStatus.False, "InvalidSpec", "the spec must be fixed before Tern can plan"),
            (WorkflowConditionTypes.Degraded, ConditionStatus.False, "InvalidSpec", "nothing was changed in the cloud"));

    public ServerlessWorkflowStatus Suspended() =>
        Conditions((WorkflowConditionTypes.Ready, ConditionStatus.False, "Suspended",
            "spec.suspend is true: Tern neither plans nor changes copies; the last published placement stays"));

    public ServerlessWorkflowStatus Deploying(DeploymentState state, string what)
    {
        var active = state.States.Count - state.Pending.Count - state.Failed.Count;
        var failed = state.Failed.Count > 0;
        var message = failed
            ? $"deploying {what} failed: {string.Join("; ", state.Failed.Select(f => $"{f.Spec.Function} in {f.Spec.Region}: {f.Message}"))}"
            : $"{active} of {state.States.Count} copies of {what} are Active; waiting " +
                $"for {string.Join(", ", state.Pending.Select(p => $"{p.Spec.Function} in {p.Spec.Region}"))}";
        return Conditions(
                (WorkflowConditionTypes.Deployed, ConditionStatus.False, failed ? "DeploymentFailed" : "Deploying", message),
                (WorkflowConditionTypes.Degraded, failed ? ConditionStatus.True : ConditionStatus.False, failed ? "DeploymentFailed" : "Deploying",
                    message),
                (WorkflowConditionTypes.Ready, ConditionStatus.False, failed ? "DeploymentFailed" : "Deploying", message))
            with { Deployments = Merge(state.States) };
    }

    /// <summary>The function platform failed a call (an AWS error past its retries); what is deployed and published stays.</summary>
    public ServerlessWorkflowStatus PlatformFailed(string message) =>
        Conditions(
            (WorkflowConditionTypes.Degraded, ConditionStatus.True, "PlatformFailed", message),
            (WorkflowConditionTypes.Ready, ConditionStatus.False, "PlatformFailed", $"the workflow keeps its last placement: {message}"));

    /// <summary>A plan made for the current spec, kept until its copies are Active and it is published.</summary>
    public ServerlessWorkflowStatus PlanPending(PendingPlan pending) => _current with { PendingPlan = pending };

    public ServerlessWorkflowStatus Settled(IReadOnlyList<CopyReport> home, long totalInvocations, string? waitingFor,
        IReadOnlySet<(string Function, string Region)> used, IReadOnlySet<(string Function, string Region)> deleted)
    {
        var hasPlan = _current.Plan is not null;
        var status = waitingFor is null
            ? Conditions((WorkflowConditionTypes.Deployed, ConditionStatus.True, "AllCopiesActive", "every copy the placement routes to is Active"),
                (WorkflowConditionTypes.Degraded, ConditionStatus.False, "AllCopiesActive", "no failure"),
                (WorkflowConditionTypes.Ready, ConditionStatus.True, hasPlan ? "Planned" : "RunningAtHome",
                    hasPlan ? _current.Plan!.Summary : "every function runs in the home region"))
            : Conditions((WorkflowConditionTypes.Planned, ConditionStatus.False, "WaitingForCarbonData", waitingFor),
                (WorkflowConditionTypes.Deployed, ConditionStatus.True, "AllCopiesActive", "every copy the placement routes to is Active"),
                (WorkflowConditionTypes.Degraded, ConditionStatus.False, "AllCopiesActive", "no failure"),
                (WorkflowConditionTypes.Ready, ConditionStatus.True, hasPlan ? "Planned" : "RunningAtHome",
                    hasPlan ? _current.Plan!.Summary : $"every function runs in the home region until {waitingFor}"));
        var deployments = UnusedCopies.Mark(Merge(home).Where(d => !deleted.Contains((d.Function, d.Region))), used, ApiTime.ToSecond(now));
        return status with { Deployments = deployments, Invocations = Counts(totalInvocations, WorkflowPlanning.SinceLastPlan(_current,
            totalInvocations)) };
    }

    /// <summary>No new plan (<paramref name="reason"/>: PlanFailed or PlanningTimedOut); the published placement stays.</summary>
    public ServerlessWorkflowStatus PlanFailed(string reason, string error, IReadOnlyList<CopyReport> home, long totalInvocations) =>
        Conditions(
                (WorkflowConditionTypes.Planned, ConditionStatus.False, reason, error),
                (WorkflowConditionTypes.Degraded, ConditionStatus.True, reason, error),
                (WorkflowConditionTypes.Ready, ConditionStatus.False, reason, $"the workflow keeps its last placement: {error}"))
            with { Deployments = Merge(home), Invocations = Counts(totalInvocations, WorkflowPlanning.SinceLastPlan(_current, totalInvocations)) };

    public ServerlessWorkflowStatus Planned(PendingPlan pending, IReadOnlyList<CopyReport> copies, long totalInvocations,
        IReadOnlySet<(string Function, string Region)> used) =>
        Conditions(
                (WorkflowConditionTypes.Planned, ConditionStatus.True, "PlanPublished", $"planned because {pending.Reason}"),
                (WorkflowConditionTypes.Deployed, ConditionStatus.True, "AllCopiesActive", "every copy the placement routes to is Active"),
                (WorkflowConditionTypes.Degraded, ConditionStatus.False, "AllCopiesActive", "no failure"),
                (WorkflowConditionTypes.Ready, ConditionStatus.True, "Planned", pending.Plan.Summary))
            with
            {
                Plan = pending.Plan,
                PendingPlan = null,
                Deployments = UnusedCopies.Mark(Merge(copies, complete: true), used, ApiTime.ToSecond(now)),
                Invocations = Counts(totalInvocations, 0),
            };

    private ServerlessWorkflowStatus Conditions(params (string Type, ConditionStatus Status, string Reason, string Message)[] changes)
    {
        var conditions = _current.Conditions;
        foreach (var (type, status, reason, message) in changes)
        {
            conditions = ConditionSet.With(conditions, type, status, reason, message, _generation, now);
        }
        return _current with { ObservedGeneration = _generation, Conditions = [.. conditions.OrderBy(c => c.Type, StringComparer.Ordinal)] };
    }

    private InvocationCounts Counts(long total, long sinceLastPlan) => new()
    {
        Total = total,
        SinceLastPlan = sinceLastPlan,
        LastRecordTime = total == (_current.Invocations?.Total ?? -1) ? _current.Invocations?.LastRecordTime : ApiTime.ToSecond(now),
    };

    // Copies seen now replace their earlier entries; with the platform's complete list, copies it no longer
    // has are dropped. The state's transition time is kept while the state is unchanged.
    private IReadOnlyList<DeployedCopy> Merge(IReadOnlyList<CopyReport> states, bool complete = false)
    {
        var byKey = _current.Deployments
            .Where(d => !complete || states.Any(s => s.Spec.Function == d.Function && s.Spec.Region == d.Region))
            .ToDictionary(d => (d.Function, d.Region));
        foreach (var state in states)
        {
            var copyState = state.Status switch
            {
                CopyStatus.Active => CopyState.Active,
                CopyStatus.Failed => CopyState.Failed,
                _ => CopyState.Pending,
            };
            var previous = byKey.GetValueOrDefault((state.Spec.Function, state.Spec.Region));
            byKey[(state.Spec.Function, state.Spec.Region)] = new DeployedCopy
            {
                Function = state.Spec.Function,
                Region = state.Spec.Region,
                FunctionName = state.Spec.FunctionName,
                State = copyState,
                Message = state.Message is null || copyState == CopyState.Pending ? null : state.Message,
                LastTransitionTime = previous?.State == copyState ? previous.LastTransitionTime : ApiTime.ToSecond(now),
                UnusedSince = previous?.UnusedSince,
            };
        }
        return [.. byKey.Values.OrderBy(d => d.Function, StringComparer.Ordinal).ThenBy(d => d.Region, StringComparer.Ordinal)];
    }
}

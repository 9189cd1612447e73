using Tern.Entities.Conditions;
using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>What Tern observed and did for a workflow.</summary>
public sealed record ServerlessWorkflowStatus
{
    /// <summary>The metadata.generation of the spec this status describes.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>Ready (summary), Planned, Deployed and Degraded.</summary>
    [ListMapKeys("type")]
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>The plan whose placement is published; absent until the first plan is active.</summary>
    public PlanStatus? Plan { get; init; }

    /// <summary>A plan made but not yet published, because copies it routes to are still being deployed. It is kept
    /// here, not in the operator's memory, so that after a restart or a change of leader the operator goes on
    /// deploying it instead of planning again.</summary>
    public PendingPlan? PendingPlan { get; init; }

    /// <summary>Function copies in AWS, one per function and region, with their state.</summary>
    [ListMapKeys("function", "region")]
    public IReadOnlyList<DeployedCopy> Deployments { get; init; } = [];

    /// <summary>Invocations recorded for the workflow.</summary>
    public InvocationCounts? Invocations { get; init; }

    /// <summary>Carbon and cost the workflow really caused, from recorded invocations.</summary>
    public RealisedFootprint? Footprint { get; init; }
}

/// <summary>Condition types of a ServerlessWorkflow.</summary>
public static class WorkflowConditionTypes
{
    public const string Ready = "Ready";
    public const string Planned = "Planned";
    public const string Deployed = "Deployed";
    public const string Degraded = "Degraded";
}

/// <summary>The state of one function copy in one region.</summary>
public sealed record DeployedCopy
{
    /// <summary>Name of the workflow function.</summary>
    public required string Function { get; init; }

    /// <summary>AWS region of the copy.</summary>
    public required string Region { get; init; }

    /// <summary>Name of the Lambda function in that region.</summary>
    public required string FunctionName { get; init; }

    /// <summary>Lifecycle state of the copy.</summary>
    public required CopyState State { get; init; }

    /// <summary>Details of the state, for example the error of a failed deployment.</summary>
    public string? Message { get; init; }

    /// <summary>When the state last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Since when no published placement routes to this copy; it is deleted after a grace period (calls in
    /// flight may still reach it). Absent while a placement uses it.</summary>
    public DateTimeOffset? UnusedSince { get; init; }
}

/// <summary>Lifecycle state of a function copy.</summary>
public enum CopyState
{
    Pending,
    Active,
    Failed,
    Deleting,
}

/// <summary>Invocation counts of a workflow.</summary>
public sealed record InvocationCounts
{
    /// <summary>Invocations recorded since the workflow was created.</summary>
    public long Total { get; init; }

    /// <summary>Invocations recorded since the active plan was made.</summary>
    public long SinceLastPlan { get; init; }

    /// <summary>Time of the newest invocation record.</summary>
    public DateTimeOffset? LastRecordTime { get; init; }
}

/// <summary>Footprint measured from recorded invocations.</summary>
public sealed record RealisedFootprint
{
    /// <summary>Start of the period the figures cover.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Invocations the figures cover.</summary>
    public long Invocations { get; init; }

    /// <summary>Carbon emitted, in grams CO2e.</summary>
    public double CarbonGrams { get; init; }

    /// <summary>Carbon the same invocations would have emitted in the home region, in grams CO2e.</summary>
    public double HomeCarbonGrams { get; init; }

    /// <summary>Cost, in US dollars.</summary>
    public double CostUsd { get; init; }
}

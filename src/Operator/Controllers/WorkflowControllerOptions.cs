namespace Tern.Operator.Controllers;

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

    /// <summary>How long a plan may take, how many are made at once, and when a timed-out one is tried again.</summary>
    public PlanningLimits Planning { get; init; } = new();
}

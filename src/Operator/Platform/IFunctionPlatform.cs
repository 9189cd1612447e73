using Tern.Aws.Placement;
using Tern.Planning.Profiles;

namespace Tern.Operator.Platform;

/// <summary>Where function copies live (AWS Lambda, or the simulation). Every operation is idempotent so a
/// reconcile that crashed half-way simply runs again.</summary>
internal interface IFunctionPlatform
{
    /// <summary>Creates or updates the copy and returns its state (a new copy is Pending until it is Active).</summary>
    Task<CopyReport> EnsureCopyAsync(FunctionCopySpec spec, CancellationToken cancellationToken);

    /// <summary>Every copy the platform holds for the workflow in <paramref name="regions"/> (the regions the
    /// workflow may use or has used: a platform such as AWS cannot search every region cheaply).</summary>
    Task<IReadOnlyList<CopyReport>> ListCopiesAsync(WorkflowId workflow, IReadOnlyCollection<string> regions, CancellationToken cancellationToken);

    /// <summary>Deletes the copy; deleting one that does not exist succeeds.</summary>
    Task DeleteCopyAsync(WorkflowId workflow, string function, string region, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="record"/> the placement the workflow's functions route by. The
    /// platform refuses a record that routes to a copy that is not Active.</summary>
    /// <exception cref="PlacementRefusedException">A copy the record routes to is missing or not Active.</exception>
    /// <exception cref="PlacementConflictException">Another writer changed the placement meanwhile; read it again later.</exception>
    /// <exception cref="FunctionPlatformException">The platform could not be reached or refused the call.</exception>
    Task PublishPlacementAsync(PlacementRecord record, CancellationToken cancellationToken);

    /// <summary>The published placement, or null.</summary>
    Task<PlacementRecord?> GetPlacementAsync(WorkflowId workflow, CancellationToken cancellationToken);

    /// <summary>Withdraws the published placement (before the copies it routes to are deleted); none is no error.</summary>
    Task DeletePlacementAsync(WorkflowId workflow, CancellationToken cancellationToken);

    /// <summary>Invocations recorded for the workflow so far.</summary>
    Task<long> InvocationCountAsync(WorkflowId workflow, CancellationToken cancellationToken);

    /// <summary>The executions recorded for the workflow since <paramref name="since"/>, for its profile.</summary>
    Task<IReadOnlyList<ExecutionSample>> ExecutionsSinceAsync(WorkflowId workflow, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>A workflow's identity on the platform.</summary>
internal readonly record struct WorkflowId(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>What a function copy in one region must be.</summary>
internal sealed record FunctionCopySpec(
    WorkflowId Workflow,
    string Function,
    string Region,
    string FunctionName,
    string Image,
    int MemoryMiB,
    int TimeoutSeconds,
    string Architecture,
    IReadOnlyDictionary<string, string> Environment,
    string RoleArn);

/// <summary>Lifecycle of a copy.</summary>
internal enum CopyStatus
{
    Pending,
    Active,
    Failed,
}

/// <summary>A copy and its lifecycle state.</summary>
internal sealed record CopyReport(FunctionCopySpec Spec, CopyStatus Status, string? Message, DateTimeOffset Since);

/// <summary>Where each function instance runs per time key: what function code reads to route calls. After
/// <paramref name="ExpiresAt"/>, every instance runs in <paramref name="HomeRegion"/>. <paramref name="Graph"/> tells function
/// code which instance each call goes to and what a join waits for.</summary>
internal sealed record PlacementRecord(
    WorkflowId Workflow, string HomeRegion, long Version, DateTimeOffset ExpiresAt, IReadOnlyList<TimeKeyPlacement> TimeKeys, CallGraph? Graph = null)
{
    /// <summary>Every (function, region) the record routes to.</summary>
    public IEnumerable<(string Function, string Region)> Targets =>
        TimeKeys.SelectMany(k => k.Routes).Select(r => (r.Function, r.Region)).Distinct();
}

/// <summary>One time key's routes: instance → (function, region).</summary>
internal sealed record TimeKeyPlacement(int StartHour, IReadOnlyList<Route> Routes);

/// <summary>Where one instance runs.</summary>
internal sealed record Route(string Instance, string Function, string Region);

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;

namespace Tern.Aws.Lambda;

/// <summary>Manages the regional copies of workflow functions the way ACK manages a resource: ReadOne (NotFound
/// means "create"), Create, Update(desired, latest, delta), Delete, and an ensure pass that chains them. This file
/// holds every judgment about copies:
/// <list type="bullet">
/// <item>code and configuration are never updated in the same pass (each starts an update that must settle first);</item>
/// <item>Pending, an update InProgress, or a conflict with a concurrent change is a status with a requeue delay,
/// never an exception;</item>
/// <item>only State Active with the last update Successful counts as Active;</item>
/// <item>the image counts as changed when CodeSha256 is not the desired digest;</item>
/// <item>every step is idempotent: a copy created by a pass whose answer was lost is found and adopted, missing
/// ownership tags are added, so a crash between any two calls converges without a duplicate;</item>
/// <item>a function whose tags name another workflow is never updated, adopted or deleted: copy names can collide (a
/// Lambda name has no namespace), and taking one over would replace another workflow's code.</item>
/// </list>
/// Failures that a requeue cannot fix (access denied, an invalid value, a missing role or image) are thrown as
/// <see cref="LambdaException"/> with the AWS code and message.</summary>
public sealed class FunctionCopyManager
{
    /// <summary>How long to wait while Lambda creates or updates a copy (ACK waits 5 s too).</summary>
    public static readonly TimeSpan PendingRequeue = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait on an inactive copy, which Lambda reactivates on its next invocation.</summary>
    public static readonly TimeSpan InactiveRequeue = TimeSpan.FromMinutes(1);

    private readonly Func<string, ILambdaClient> _lambda;
    private readonly ILogger _logger;

    /// <param name="lambda">The Lambda client of a region (e.g. <see cref="AwsClients.Lambda"/>).</param>
    /// <param name="logger">Where created, updated and deleted copies are logged.</param>
    public FunctionCopyManager(Func<string, ILambdaClient> lambda, ILogger? logger = null)
    {
        _lambda = lambda;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The copy as Lambda reports it, or null when it does not exist.</summary>
    public async Task<ObservedCopy?> ReadOneAsync(string region, string functionName, CancellationToken ct)
    {
        try
        {
            var response = await _lambda(region).GetFunctionAsync(functionName, ct).ConfigureAwait(false);
            return FunctionCopyMapping.Observe(region, response);
        }
        catch (LambdaException e) when (e.Kind == AwsFailureKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the copy with its ownership tags. If it exists already (a previous pass created it and its
    /// answer was lost), it is read and updated instead.</summary>
    public async Task<CopyResult> CreateAsync(FunctionCopy desired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desired);
        FunctionConfiguration created;
        try
        {
            created = await _lambda(desired.Region).CreateFunctionAsync(FunctionCopyMapping.ToCreate(desired), ct).ConfigureAwait(false);
        }
        catch (LambdaException e) when (e.Kind == AwsFailureKind.Conflict)
        {
            var existing = await ReadOneAsync(desired.Region, desired.FunctionName, ct).ConfigureAwait(false);
            return existing is null
                ? new CopyResult(CopyStatus.Pending, CopyActions.None, PendingRequeue,
                    $"Lambda reported a conflict creating the copy: {e.ServiceMessage}", null)
                : Foreign(desired, existing)
                  ?? await UpdateAsync(desired, existing, FunctionCopyMapping.Delta(desired, existing), ct).ConfigureAwait(false);
        }
        AwsLog.FunctionChanged(_logger, desired.FunctionName, desired.Region, "created");
        var observed = FunctionCopyMapping.Observe(desired.Region, created, desired.Owner.Tags);
        return Settle(observed, CopyActions.Created);
    }

    /// <summary>Brings an existing copy one step closer to <paramref name="desired"/>: ownership tags first (so a copy
    /// is never unowned for long), then either the code or the configuration, never both.</summary>
    public async Task<CopyResult> UpdateAsync(FunctionCopy desired, ObservedCopy latest, CopyDelta delta, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(delta);
        var lambda = _lambda(desired.Region);
        var actions = CopyActions.None;
        // Tagging does not start an update, so it need not wait for one to settle.
        if (delta.Tags && latest.FunctionArn is { } arn)
        {
            await lambda.TagResourceAsync(new TagResourceRequest(arn, desired.Owner.Tags), ct).ConfigureAwait(false);
            latest = latest with { Tags = Merge(latest.Tags, desired.Owner.Tags) };
            actions |= CopyActions.Tagged;
            AwsLog.FunctionChanged(_logger, desired.FunctionName, desired.Region, "tagged");
        }
        if ((!delta.Code && !delta.Configuration) || InTransition(latest) is not null)
        {
            return Settle(latest, actions);
        }
        try
        {
            var (configuration, action) = delta.Code
                ? (await lambda.UpdateFunctionCodeAsync(FunctionCopyMapping.ToCodeUpdate(desired, latest), ct).ConfigureAwait(false),
                    CopyActions.CodeUpdated)
                : (await lambda.UpdateFunctionConfigurationAsync(FunctionCopyMapping.ToConfigurationUpdate(desired, latest), ct)
                    .ConfigureAwait(false),
                    CopyActions.ConfigurationUpdated);
            var change = $"{action}: {string.Join(", ", delta.Fields)}";
            AwsLog.FunctionChanged(_logger, desired.FunctionName, desired.Region, change);
            var observed = FunctionCopyMapping.Observe(desired.Region, configuration, latest.Tags) with
            {
                ImageUri = delta.Code ? desired.ImageUri : latest.ImageUri,
            };
            // The other half of the change, if any, is the next pass's work: this update must settle first.
            var settled = Settle(observed, actions | action);
            return delta.Code && delta.Configuration && settled.Status == CopyStatus.Active
                ? settled with { Status = CopyStatus.Pending, RequeueAfter = TimeSpan.Zero,
                    Message = "the configuration is updated in the next pass" }
                : settled;
        }
        catch (LambdaException e) when (e.Kind == AwsFailureKind.Conflict)
        {
            // An update still in progress after the retries, or another writer changed the revision: read again later.
            return new CopyResult(CopyStatus.Pending, actions, PendingRequeue, $"Lambda is busy with another change: {e.ServiceMessage}", latest);
        }
    }

    /// <summary>Deletes the copy. Returns false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string region, string functionName, CancellationToken ct)
    {
        try
        {
            await _lambda(region).DeleteFunctionAsync(functionName, ct).ConfigureAwait(false);
            AwsLog.FunctionChanged(_logger, functionName, region, "deleted");
            return true;
        }
        catch (LambdaException e) when (e.Kind == AwsFailureKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Deletes the copy only if its tags name <paramref name="owner"/>: a missing function is
    /// <see cref="CopyDeletion.Missing"/>, one that belongs to another workflow or carries no owner tags is left alone.</summary>
    public async Task<CopyDeletion> DeleteOwnedAsync(string region, string functionName, CopyOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var latest = await ReadOneAsync(region, functionName, ct).ConfigureAwait(false);
        if (latest is null)
        {
            return CopyDeletion.Missing;
        }
        if (latest.Owner != owner)
        {
            return CopyDeletion.NotOwned;
        }
        return await DeleteAsync(region, functionName, ct).ConfigureAwait(false) ? CopyDeletion.Deleted : CopyDeletion.Missing;
    }

    /// <summary>One reconcile pass for a copy: read it, create it if missing, else update what differs, and report
    /// where it stands.</summary>
    public async Task<CopyResult> EnsureAsync(FunctionCopy desired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var latest = await ReadOneAsync(desired.Region, desired.FunctionName, ct).ConfigureAwait(false);
        if (latest is null)
        {
            return await CreateAsync(desired, ct).ConfigureAwait(false);
        }
        if (Foreign(desired, latest) is { } refused)
        {
            return refused;
        }
        var delta = FunctionCopyMapping.Delta(desired, latest);
        return delta.IsEmpty ? Settle(latest, CopyActions.None) : await UpdateAsync(desired, latest, delta, ct).ConfigureAwait(false);
    }

    /// <summary>Every copy in <paramref name="regions"/> whose tags name the workflow (for drift and garbage
    /// collection). Lambda cannot filter by tag, so each region's functions are paged through and their tags read.</summary>
    public async Task<IReadOnlyList<ObservedCopy>> ListAsync(IEnumerable<string> regions, string workflowNamespace, string workflow,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var copies = new List<ObservedCopy>();
        foreach (var region in regions.Distinct(StringComparer.Ordinal))
        {
            var lambda = _lambda(region);
            string? marker = null;
            do
            {
                var page = await lambda.ListFunctionsAsync(new ListFunctionsRequest { Marker = marker }, ct).ConfigureAwait(false);
                foreach (var function in page.Functions ?? [])
                {
                    if (function.FunctionArn is not { } arn)
                    {
                        continue;
                    }
                    var tags = (await lambda.ListTagsAsync(arn, ct).ConfigureAwait(false)).Tags;
                    var owner = CopyOwner.FromTags(tags);
                    if (owner is not null && owner.Namespace == workflowNamespace && owner.Workflow == workflow)
                    {
                        copies.Add(FunctionCopyMapping.Observe(region, function, tags));
                    }
                }
                marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
            }
            while (marker is not null);
        }
        return copies;
    }

    /// <summary>Where a copy with nothing left to change stands.</summary>
    public static CopyResult Settle(ObservedCopy latest, CopyActions actions)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (InTransition(latest) is { } waiting)
        {
            return waiting with { Actions = actions };
        }
        if (latest.State == "Failed")
        {
            return new CopyResult(CopyStatus.Failed, actions, null, $"Lambda reports the copy as Failed: {latest.StateReason ?? "no reason given"}",
                latest);
        }
        if (latest.LastUpdateStatus == "Failed")
        {
            return new CopyResult(CopyStatus.Failed, actions, null,
                $"Lambda reports the last update as Failed: {latest.LastUpdateStatusReason ?? "no reason given"}", latest);
        }
        if (latest.State == "Inactive")
        {
            return new CopyResult(CopyStatus.Pending, actions, InactiveRequeue,
                "Lambda made the copy inactive after a long idle time; its next invocation reactivates it", latest);
        }
        return latest.State == "Active"
            ? new CopyResult(CopyStatus.Active, actions, null, null, latest)
            : new CopyResult(CopyStatus.Pending, actions, PendingRequeue, $"Lambda reports state {latest.State ?? "unknown"}", latest);
    }

    private static CopyResult? InTransition(ObservedCopy latest) =>
        latest.State == "Pending"
            ? new CopyResult(CopyStatus.Pending, CopyActions.None, PendingRequeue, $"Lambda is creating the copy{Why(latest.StateReason)}", latest)
            : latest.LastUpdateStatus == "InProgress"
                ? new CopyResult(CopyStatus.Pending, CopyActions.None, PendingRequeue,
                    $"an update is in progress{Why(latest.LastUpdateStatusReason)}", latest)
                : null;

    private static CopyResult? Foreign(FunctionCopy desired, ObservedCopy latest) =>
        latest.Owner is { } owner && owner != desired.Owner
            ? new CopyResult(CopyStatus.Failed, CopyActions.None, null,
                $"Lambda function {desired.FunctionName} in {desired.Region} belongs to function {owner.Function} of workflow " +
                $"{owner.Namespace}/{owner.Workflow} (its tern.dev tags say so); Tern does not take over another workflow's copy. " +
                "Rename one of the two workflows or functions so their copies' names differ.", latest)
            : null;

    private static string Why(string? reason) => reason is null ? "" : $" ({reason})";

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> extra)
    {
        var merged = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }
        return merged;
    }
}

using Microsoft.Extensions.Logging;
using Tern.Aws.Lambda;
using Tern.Aws.Placement;
using Tern.Entities.Validation;
using AwsCopyStatus = Tern.Aws.Lambda.CopyStatus;
using StoredPlacement = Tern.Aws.Placement.PlacementRecord;
using StoredTimeKey = Tern.Aws.Placement.TimeKeyPlacement;

namespace Tern.Operator.Platform.Aws;

/// <summary>Publishes a workflow's placement as its DynamoDB item (the contract in src/Aws/Placement/README.md) and
/// reads it back. A placement is written only when every copy it routes to, the home copies included, exists, belongs
/// to the workflow and is Active; it names each copy by its Lambda ARN as Lambda reports it. Each write replaces
/// exactly the version read before it, so two operators never interleave: the loser re-reads, and finds either its own
/// routing (done) or another one (<see cref="PlacementConflictException"/>: the reconcile starts again from it).</summary>
internal sealed class AwsPlacements(FunctionCopyManager copies, IPlacementStore store, TimeProvider clock, ILogger logger)
{
    public async Task PublishAsync(PlacementRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var arns = await ActiveCopiesAsync(record, ct).ConfigureAwait(false);
        var current = await ReadAsync(record.Workflow, ct).ConfigureAwait(false);
        var desired = ToStored(record, arns, (current?.Version ?? 0) + 1);
        if (current is not null && SameRouting(current, desired))
        {
            return;
        }
        var write = await AwsCalls.RunAsync($"Publishing the placement of {record.Workflow}", () => store.PutAsync(desired, ct))
            .ConfigureAwait(false);
        if (write.Status == PlacementWriteStatus.Written)
        {
            AwsPlatformLog.Published(logger, record.Workflow, desired.Version);
            return;
        }
        var now = await ReadAsync(record.Workflow, ct).ConfigureAwait(false);
        if (now is not null && SameRouting(now, desired))
        {
            return;
        }
        throw new PlacementConflictException($"The placement of {record.Workflow} changed while Tern wrote version {desired.Version} " +
                                             $"(it is now version {now?.Version ?? 0}); Tern reads it again and retries.");
    }

    public async Task<PlacementRecord?> GetAsync(WorkflowId workflow, CancellationToken ct)
    {
        var stored = await ReadAsync(workflow, ct).ConfigureAwait(false);
        return stored is null
            ? null
            : new PlacementRecord(workflow, stored.HomeRegion, stored.Version, stored.ExpiresAt,
                [.. stored.TimeKeys.Select(k => new TimeKeyPlacement(k.StartHourUtc,
                    [.. k.Instances.Select(i => new Route(i.Key, i.Value.Function, i.Value.Region))]))], stored.Graph);
    }

    public Task DeleteAsync(WorkflowId workflow, CancellationToken ct) =>
        AwsCalls.RunAsync($"Deleting the placement of {workflow}", () => store.DeleteAsync(workflow.Namespace, workflow.Name, ct));

    private Task<StoredPlacement?> ReadAsync(WorkflowId workflow, CancellationToken ct) =>
        AwsCalls.RunAsync($"Reading the placement of {workflow}", () => store.GetAsync(workflow.Namespace, workflow.Name, consistent: true, ct));

    /// <summary>The Lambda ARN of every copy the record routes to, the home copies included.</summary>
    /// <exception cref="PlacementRefusedException">A copy is missing, not the workflow's, or not Active.</exception>
    private async Task<Dictionary<(string Function, string Region), string>> ActiveCopiesAsync(PlacementRecord record, CancellationToken ct)
    {
        var arns = new Dictionary<(string Function, string Region), string>();
        foreach (var (function, region) in record.Targets.Concat(HomeTargets(record)).Distinct())
        {
            var name = AwsNames.LambdaFunctionName(record.Workflow.Name, function, region);
            var observed = await AwsCalls.RunAsync($"Reading copy {function} of {record.Workflow} in {region}",
                () => copies.ReadOneAsync(region, name, ct)).ConfigureAwait(false);
            var refusal = observed switch
            {
                null => "it does not exist",
                { Owner: var owner } when owner != new CopyOwner(record.Workflow.Namespace, record.Workflow.Name, function) =>
                    "its tags do not name this workflow as its owner",
                _ when FunctionCopyManager.Settle(observed, CopyActions.None) is { Status: not AwsCopyStatus.Active } settled =>
                    $"it is {settled.Status} ({settled.Message})",
                { FunctionArn: null } => "Lambda did not report its ARN",
                _ => null,
            };
            if (refusal is not null)
            {
                throw new PlacementRefusedException(
                    $"Refusing to route {record.Workflow} to {function} in {region} (Lambda function {name}): {refusal}.");
            }
            arns[(function, region)] = observed!.FunctionArn!;
        }
        return arns;
    }

    private StoredPlacement ToStored(PlacementRecord record, Dictionary<(string Function, string Region), string> arns, long version)
    {
        PlacementTarget Target(string function, string region) => new(function, region, arns[(function, region)]);
        return new StoredPlacement
        {
            Namespace = record.Workflow.Namespace,
            Workflow = record.Workflow.Name,
            Version = version,
            GeneratedAt = clock.GetUtcNow(),
            ExpiresAt = record.ExpiresAt,
            HomeRegion = record.HomeRegion,
            Home = Instances(record).ToDictionary(i => i.Instance, i => Target(i.Function, record.HomeRegion), StringComparer.Ordinal),
            TimeKeys = [.. record.TimeKeys.OrderBy(k => k.StartHour).Select(k => new StoredTimeKey(k.StartHour,
                k.Routes.OrderBy(r => r.Instance, StringComparer.Ordinal)
                    .ToDictionary(r => r.Instance, r => Target(r.Function, r.Region), StringComparer.Ordinal)))],
            Graph = record.Graph,
        };
    }

    private static IEnumerable<(string Instance, string Function)> Instances(PlacementRecord record) =>
        record.TimeKeys.SelectMany(k => k.Routes).Select(r => (r.Instance, r.Function)).Distinct().OrderBy(i => i.Instance, StringComparer.Ordinal);

    private static IEnumerable<(string Function, string Region)> HomeTargets(PlacementRecord record) =>
        Instances(record).Select(i => (i.Function, record.HomeRegion));

    /// <summary>True when both route every instance the same way until the same expiry (version and time of writing aside).</summary>
    private static bool SameRouting(StoredPlacement a, StoredPlacement b) =>
        (a with { Version = 0, GeneratedAt = default }).ToJson() == (b with { Version = 0, GeneratedAt = default }).ToJson();
}

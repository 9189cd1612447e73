using Microsoft.Extensions.Logging;
using Tern.Aws;
using Tern.Aws.Http;
using Tern.Aws.Lambda;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Aws.Registry;
using Tern.Entities.Validation;
using AwsCopyStatus = Tern.Aws.Lambda.CopyStatus;

namespace Tern.Operator.Platform.Aws;

/// <summary>Function copies as Lambda functions and the placement as a DynamoDB item. A thin adapter: what to do
/// about a copy (create or update, code before configuration, when it is Active, whose it is) is decided in Tern.Aws's
/// <see cref="FunctionCopyManager"/>, the image copy in its <see cref="ImageCopier"/>. What this class adds:
/// <list type="bullet">
/// <item>the image goes into the region's ECR, by digest, before the function that runs it is created or updated;</item>
/// <item>an AWS failure of a copy (denied, invalid, throttled past the retries) becomes a Failed copy whose message
/// carries the AWS code and message, so it reaches the workflow's conditions; other calls' failures become a
/// <see cref="FunctionPlatformException"/> with the same message;</item>
/// <item>each copy gets the TERN_ variables the function library reads (workflow, function, tables);</item>
/// <item>invocation counts and profiles come from the invocation records the function library writes.</item>
/// </list></summary>
internal sealed class AwsFunctionPlatform : IFunctionPlatform
{
    private readonly FunctionCopyManager _copies;
    private readonly ImageCopier _images;
    private readonly AwsPlacements _placements;
    private readonly AwsPlatformOptions _options;
    private readonly InvocationRecordStore _records;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public AwsFunctionPlatform(AwsClients clients, AwsPlatformOptions options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _copies = new FunctionCopyManager(clients.Lambda, logger);
        _images = new ImageCopier(clients);
        _placements = new AwsPlacements(_copies, new PlacementStore(clients, options.Region, options.PlacementTable), clock, logger);
        _records = new InvocationRecordStore(clients, options.Region, options.InvocationTable);
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public async Task<CopyReport> EnsureCopyAsync(FunctionCopySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var imageUri = await CopyImageAsync(spec, cancellationToken).ConfigureAwait(false);
            var result = await _copies.EnsureAsync(ToCopy(spec, imageUri), cancellationToken).ConfigureAwait(false);
            if (result.Status == AwsCopyStatus.Failed)
            {
                AwsPlatformLog.CopyFailed(_logger, spec.Workflow, spec.Function, spec.Region, result.Message ?? "");
            }
            return Report(spec, result.Status, result.Message);
        }
        catch (Exception e) when (e is AwsServiceException or FormatException)
        {
            AwsPlatformLog.CopyFailed(_logger, spec.Workflow, spec.Function, spec.Region, e.Message);
            return new CopyReport(spec, CopyStatus.Failed, e.Message, _clock.GetUtcNow());
        }
    }

    public async Task<IReadOnlyList<CopyReport>> ListCopiesAsync(WorkflowId workflow, IReadOnlyCollection<string> regions,
        CancellationToken cancellationToken)
    {
        var observed = await AwsCalls.RunAsync($"Listing the copies of {workflow}",
            () => _copies.ListAsync(regions, workflow.Namespace, workflow.Name, cancellationToken)).ConfigureAwait(false);
        return [.. observed.Where(o => o.Owner is not null).Select(o =>
        {
            var settled = FunctionCopyManager.Settle(o, CopyActions.None);
            return Report(FromObserved(workflow, o), settled.Status, settled.Message);
        })];
    }

    public async Task DeleteCopyAsync(WorkflowId workflow, string function, string region, CancellationToken cancellationToken)
    {
        var name = AwsNames.LambdaFunctionName(workflow.Name, function, region);
        var owner = new CopyOwner(workflow.Namespace, workflow.Name, function);
        var deletion = await AwsCalls.RunAsync($"Deleting copy {function} of {workflow} in {region}",
            () => _copies.DeleteOwnedAsync(region, name, owner, cancellationToken)).ConfigureAwait(false);
        if (deletion == CopyDeletion.NotOwned)
        {
            AwsPlatformLog.NotOwned(_logger, name, region, workflow);
        }
    }

    public Task PublishPlacementAsync(PlacementRecord record, CancellationToken cancellationToken) =>
        _placements.PublishAsync(record, cancellationToken);

    public Task<PlacementRecord?> GetPlacementAsync(WorkflowId workflow, CancellationToken cancellationToken) =>
        _placements.GetAsync(workflow, cancellationToken);

    public Task DeletePlacementAsync(WorkflowId workflow, CancellationToken cancellationToken) =>
        _placements.DeleteAsync(workflow, cancellationToken);

    /// <summary>Runs recorded within the records' retention (each counted once, by its entry execution).</summary>
    public async Task<long> InvocationCountAsync(WorkflowId workflow, CancellationToken cancellationToken)
    {
        var records = await ReadRecordsAsync(workflow, DateTimeOffset.UnixEpoch, cancellationToken).ConfigureAwait(false);
        return records.Where(r => r.Caller is null).Select(r => r.RunId).Distinct(StringComparer.Ordinal).LongCount();
    }

    public async Task<IReadOnlyList<Tern.Planning.Profiles.ExecutionSample>> ExecutionsSinceAsync(WorkflowId workflow, DateTimeOffset since,
        CancellationToken cancellationToken) =>
        [.. (await ReadRecordsAsync(workflow, since, cancellationToken).ConfigureAwait(false)).Select(RecordSamples.From)];

    private Task<IReadOnlyList<InvocationRecord>> ReadRecordsAsync(WorkflowId workflow, DateTimeOffset since, CancellationToken cancellationToken) =>
        AwsCalls.RunAsync($"Reading the invocation records of {workflow}",
            () => _records.ReadSinceAsync(workflow.Namespace, workflow.Name, since, cancellationToken));

    /// <summary>Copies the workflow's image (in the home region's ECR) into the same repository of the copy's region and
    /// returns the image URI Lambda must run there: by digest, of the manifest of the copy's architecture.</summary>
    private async Task<string> CopyImageAsync(FunctionCopySpec spec, CancellationToken cancellationToken)
    {
        var source = ImageReference.Parse(spec.Image);
        var account = RegistryDirectory.EcrAccount(source.Host)
            ?? throw new FormatException($"Image '{spec.Image}' is not in an ECR registry; Tern copies images between regions' ECR registries.");
        var targetHost = RegistryDirectory.EcrHost(account, spec.Region);
        var copied = await _images.CopyAsync(source, targetHost, source.Repository, cancellationToken).ConfigureAwait(false);
        return $"{targetHost}/{source.Repository}@{copied.DigestFor(spec.Architecture)}";
    }

    private FunctionCopy ToCopy(FunctionCopySpec spec, string imageUri) => new()
    {
        FunctionName = spec.FunctionName,
        Region = spec.Region,
        ImageUri = imageUri,
        MemoryMiB = spec.MemoryMiB,
        TimeoutSeconds = spec.TimeoutSeconds,
        Architecture = spec.Architecture,
        RoleArn = spec.RoleArn,
        Environment = WithLibrarySettings(spec),
        Owner = new CopyOwner(spec.Workflow.Namespace, spec.Workflow.Name, spec.Function),
    };

    /// <summary>The spec's environment plus what Tern's function library needs; the spec's own values win, so an owner
    /// can point a function at other tables.</summary>
    private Dictionary<string, string> WithLibrarySettings(FunctionCopySpec spec)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TERN_WORKFLOW"] = spec.Workflow.ToString(),
            ["TERN_FUNCTION"] = spec.Function,
            ["TERN_TABLE_REGION"] = _options.Region,
            ["TERN_PLACEMENT_TABLE"] = _options.PlacementTable,
            ["TERN_INVOCATION_TABLE"] = _options.InvocationTable,
        };
        foreach (var (name, value) in spec.Environment)
        {
            environment[name] = value;
        }
        return environment;
    }

    private static FunctionCopySpec FromObserved(WorkflowId workflow, ObservedCopy copy) => new(
        workflow, copy.Owner!.Function, copy.Region, copy.FunctionName, copy.ImageUri ?? "", copy.MemoryMiB ?? 0, copy.TimeoutSeconds ?? 0,
        copy.Architecture ?? "x86_64", copy.Environment, copy.RoleArn ?? "");

    private CopyReport Report(FunctionCopySpec spec, AwsCopyStatus status, string? message) => new(spec, status switch
    {
        AwsCopyStatus.Active => CopyStatus.Active,
        AwsCopyStatus.Failed => CopyStatus.Failed,
        _ => CopyStatus.Pending,
    }, message, _clock.GetUtcNow());
}

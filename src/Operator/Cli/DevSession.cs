using System.Globalization;
using Tern.Aws;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Entities.Validation;
using Tern.FunctionHost;
using Tern.Operator.Controllers;

namespace Tern.Operator.Cli;

/// <summary>One `tern dev` session: the build, DynamoDB, the local function host and the placement, torn down at the end.</summary>
internal sealed class DevSession(DevSettings settings, TextWriter output)
{
    /// <summary>The keys functions get when tern dev starts moto itself (moto checks no signatures by default).</summary>
    private static readonly AwsStaticCredentials LocalCredentials = new("AKIATERNDEV000000000", "tern-dev-secret");

    private readonly Lock _write = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var workflow = settings.Workflow;
        var name = workflow.Metadata.Name;
        var ns = workflow.Metadata.NamespaceProperty;
        var home = workflow.Spec.HomeRegion;
        var work = Path.Combine(Path.GetTempPath(), $"tern-dev-{Guid.NewGuid():N}");
        try
        {
            Say($"tern dev: building {settings.Project}");
            var assembly = await FunctionProject.BuildAsync(settings.Project, work, ct).ConfigureAwait(false);
            await using var moto = settings.Endpoint is null ? await MotoProcess.StartAsync(ct).ConfigureAwait(false) : null;
            var dynamoDb = settings.Endpoint ?? moto!.Endpoint;
            var credentials = moto is null ? null : LocalCredentials;
            var copies = Copies(assembly, dynamoDb, credentials);
            await using var host = await LocalFunctionHost.StartAsync(copies, ct: ct).ConfigureAwait(false);
            host.Finished += e =>
                Say($"[{e.LambdaName}@{e.Region}] {e.Kind}{(e.ErrorType is null ? "" : $" ({e.ErrorType})")}: {Shorten(e.Response)}");
            using var clients = new AwsClients(new AwsConfiguration { Credentials = credentials }, TimeProvider.System,
                environment: variable => variable switch
                {
                    "AWS_ENDPOINT_URL_DYNAMODB" => dynamoDb.ToString(),
                    "AWS_ENDPOINT_URL_LAMBDA" => host.InvokeEndpointUrl.ToString(),
                    _ => null,
                });
            await new TernTables(clients, home) { PollInterval = TimeSpan.FromMilliseconds(200) }.EnsureAsync(ct: ct).ConfigureAwait(false);
            var placement = await PublishAsync(new PlacementStore(clients, home), ct).ConfigureAwait(false);
            Say($"tern dev: {ns}/{name}: {copies.Count} copies of {workflow.Spec.Functions.Count} functions running, " +
                $"placement version {placement.Version}");
            Say($"  DynamoDB  {dynamoDb}{(moto is null ? "" : " (moto_server started for this session)")}");
            Say($"  Lambda    {host.InvokeEndpointUrl} (the local Invoke endpoint, every region)");
            Say("Start a run from another shell with:");
            var keys = credentials is null ? "" : $"AWS_ACCESS_KEY_ID={credentials.AccessKeyId} AWS_SECRET_ACCESS_KEY={credentials.SecretAccessKey} ";
            Say($"  AWS_ENDPOINT_URL_LAMBDA={host.InvokeEndpointUrl} AWS_ENDPOINT_URL_DYNAMODB={dynamoDb} {keys}" +
                $"tern invoke {ns}/{name} --aws-region {home} --payload '{{...}}'");
            if (settings.Payload is null)
            {
                Say("Ctrl-C stops every function and server.");
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            var run = await new RunStarter(clients.Lambda, TimeProvider.System).StartAsync(placement, settings.Payload, ct).ConfigureAwait(false);
            Say($"run {run.RunId} started at {placement.Graph!.Entry} in {run.Entry.Region}");
            if (!settings.Once)
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            return await ReportAsync(host, new InvocationRecordStore(clients, home), run.RunId, ct).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>A copy of every function at home, and of each --place function in its region.</summary>
    private List<LocalCopy> Copies(string assembly, Uri dynamoDb, AwsStaticCredentials? credentials)
    {
        var workflow = settings.Workflow;
        var copies = new List<LocalCopy>();
        foreach (var function in workflow.Spec.Functions)
        {
            var regions = new[] { workflow.Spec.HomeRegion }.Concat(settings.Placed.TryGetValue(function.Name, out var placed) ? [placed] : [])
                .Distinct();
            foreach (var region in regions)
            {
                var environment = new Dictionary<string, string>(function.Env, StringComparer.Ordinal)
                {
                    ["TERN_WORKFLOW"] = $"{workflow.Metadata.NamespaceProperty}/{workflow.Metadata.Name}",
                    ["TERN_FUNCTION"] = function.Name,
                    // Locally every run follows the placement (--place) unless the developer asks for home runs, so what a
                    // session shows does not depend on the 10 % of runs that stay home in production.
                    ["TERN_HOME_SHARE"] = Environment.GetEnvironmentVariable("TERN_HOME_SHARE") ?? "0",
                    ["TERN_TABLE_REGION"] = workflow.Spec.HomeRegion,
                    ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ToString(),
                };
                if (credentials is not null)
                {
                    environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
                    environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
                }
                var label = $"{function.Name}@{region}";
                copies.Add(new LocalCopy(function.Name, region, AwsNames.LambdaFunctionName(workflow.Metadata.Name, function.Name, region),
                    new ProcessLauncher(assembly, line => Say($"[{label}] {line}")), environment, function.MemoryMiB, function.TimeoutSeconds));
            }
        }
        return copies;
    }

    /// <summary>Everything home, except the --place functions, for a week; the next version after any stored one.</summary>
    private async Task<PlacementRecord> PublishAsync(PlacementStore store, CancellationToken ct)
    {
        var workflow = settings.Workflow;
        var graph = WorkflowPlacement.Graph(workflow) ?? throw new ArgumentException(
            $"The calls of {workflow.Metadata.Name} do not form a DAG of instances; `tern validate` shows why.");
        PlacementTarget Target(string function, string region) =>
            new(function, region, LocalFunctionHost.Arn(region, AwsNames.LambdaFunctionName(workflow.Metadata.Name, function, region)));
        var current = await store.GetAsync(workflow.Metadata.NamespaceProperty, workflow.Metadata.Name, consistent: true, ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var record = new PlacementRecord
        {
            Namespace = workflow.Metadata.NamespaceProperty,
            Workflow = workflow.Metadata.Name,
            Version = (current?.Version ?? 0) + 1,
            GeneratedAt = now,
            ExpiresAt = now.AddDays(7),
            HomeRegion = workflow.Spec.HomeRegion,
            Home = graph.Instances.ToDictionary(i => i.Key, i => Target(i.Value.Function, workflow.Spec.HomeRegion), StringComparer.Ordinal),
            TimeKeys = [new TimeKeyPlacement(0, graph.Instances.Where(i => settings.Placed.ContainsKey(i.Value.Function))
                .ToDictionary(i => i.Key, i => Target(i.Value.Function, settings.Placed[i.Value.Function]), StringComparer.Ordinal))],
            Graph = graph,
        };
        var write = await store.PutAsync(record, ct).ConfigureAwait(false);
        return write.Status == PlacementWriteStatus.Written
            ? record
            : throw new ArgumentException(
                $"Another writer changed the placement of {record.Namespace}/{record.Workflow} meanwhile; run tern dev again.");
    }

    /// <summary>Waits until nothing is queued or running for a second, then prints the run's records.</summary>
    private async Task<int> ReportAsync(LocalFunctionHost host, InvocationRecordStore records, string runId, CancellationToken ct)
    {
        var workflow = settings.Workflow;
        var quiet = 0;
        IReadOnlyList<InvocationRecord> found = [];
        while (quiet < 5)
        {
            await Task.Delay(200, ct).ConfigureAwait(false);
            found = [.. (await records.ReadSinceAsync(workflow.Metadata.NamespaceProperty, workflow.Metadata.Name, DateTimeOffset.UnixEpoch, ct)
                .ConfigureAwait(false)).Where(r => r.RunId == runId)];
            quiet = host.InFlight == 0 && found.Count > 0 ? quiet + 1 : 0;
        }
        Say($"run {runId}: {found.Count} execution(s)");
        foreach (var record in found.OrderBy(r => r.StartedAt))
        {
            var calls = string.Join(", ", record.Successors.Select(s => s.Called ? $"{s.Instance}@{s.Region}" : $"not {s.Instance}"));
            Say(string.Create(CultureInfo.InvariantCulture, $"  {record.Instance,-16} {record.Region,-14} {record.DurationMs,8:0.0} ms " +
                $"{(record.ColdStart ? "cold" : "warm")}  in {record.PayloadBytesIn} B  out {record.PayloadBytesOut} B  " +
                $"calls [{calls}]{(record.Error is null ? "" : $"  error: {record.Error}")}"));
        }
        return found.Any(r => r.Error is not null) ? DevCommand.ExitFailed : 0;
    }

    private void Say(string line)
    {
        lock (_write)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}

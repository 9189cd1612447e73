using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Tern.Aws;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.FunctionHost;
using Tern.Tests.Support.Aws;
using Tern.Tests.Support.Functions;

namespace Tern.Functions.Tests.Support;

/// <summary>A workflow running in the local function host with its tables in moto: a copy of each function in each
/// region, each copy the real library around a test handler, and helpers to publish placements, start runs and read
/// records and run state.</summary>
internal sealed class LocalWorkflow : IAsyncDisposable
{
    public const string Namespace = "tests";
    public const string TableRegion = "us-east-1";
    public const string PlacementTable = "fn-placements";
    public const string InvocationTable = "fn-invocations";

    private readonly AwsClients _clients;

    private LocalWorkflow(string name, CallGraph graph, LocalFunctionHost host, AwsClients clients)
    {
        Name = name;
        Graph = graph;
        Host = host;
        _clients = clients;
    }

    public string Name { get; }

    public CallGraph Graph { get; }

    public LocalFunctionHost Host { get; }

    public static async Task<LocalWorkflow> StartAsync(MotoServer moto, string name, CallGraph graph, Dictionary<string, TernHandler> handlers,
        IReadOnlyList<string> regions, TimeProvider clock, double homeShare = 0, Func<TernFunctionOptions, TernFunctionOptions>? adjust = null,
        Func<string, string, bool>? copyIn = null)
    {
        var functionUser = await moto.CreateFunctionUserAsync($"fn-{Guid.NewGuid():N}"[..20]);
        var copies = new List<LocalCopy>();
        foreach (var function in graph.Instances.Values.Select(i => i.Function).Distinct())
        {
            foreach (var region in regions.Where(r => copyIn?.Invoke(function, r) ?? true))
            {
                var environment = new Dictionary<string, string>
                {
                    [TernFunctionOptions.WorkflowVariable] = $"{Namespace}/{name}",
                    [TernFunctionOptions.FunctionVariable] = function,
                    [TernFunctionOptions.TableRegionVariable] = TableRegion,
                    [TernFunctionOptions.PlacementTableVariable] = PlacementTable,
                    [TernFunctionOptions.InvocationTableVariable] = InvocationTable,
                    [TernFunctionOptions.HomeShareVariable] = homeShare.ToString(CultureInfo.InvariantCulture),
                    [TernFunctionOptions.RandomSeedVariable] = "7",
                    ["AWS_ENDPOINT_URL_DYNAMODB"] = moto.Endpoint.ToString().TrimEnd('/'),
                };
                copies.Add(new LocalCopy(function, region, LambdaName(name, function, region),
                    new InProcessLauncher(handlers[function], functionUser, clock, adjust), environment, 256, 3600));
            }
        }
        var host = await LocalFunctionHost.StartAsync(copies, clock);
        var clients = new AwsClients(new AwsConfiguration { Credentials = moto.Credentials }, TimeProvider.System,
            environment: variable => variable switch
            {
                "AWS_ENDPOINT_URL_LAMBDA" => host.InvokeEndpointUrl.ToString(),
                "AWS_ENDPOINT_URL_DYNAMODB" => moto.Endpoint.ToString(),
                _ => null,
            });
        await new TernTables(clients, TableRegion) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync(PlacementTable, InvocationTable);
        return new LocalWorkflow(name, graph, host, clients);
    }

    public static string LambdaName(string workflow, string function, string region) => $"{workflow}-{function}-{region}";

    /// <summary>Where an instance's copy in <paramref name="region"/> is.</summary>
    public PlacementTarget Target(string instance, string region)
    {
        var function = Graph.Instances[instance].Function;
        return new PlacementTarget(function, region, LocalFunctionHost.Arn(region, LambdaName(Name, function, region)));
    }

    /// <summary>A placement whose home is <paramref name="home"/> for every instance, with the given time keys
    /// (start hour → instance → region).</summary>
    public PlacementRecord Placement(long version, string home, DateTimeOffset expiresAt,
        params (int Hour, Dictionary<string, string> Regions)[] keys) => new()
    {
        Namespace = Namespace,
        Workflow = Name,
        Version = version,
        GeneratedAt = expiresAt.AddDays(-1),
        ExpiresAt = expiresAt,
        HomeRegion = home,
        Home = Graph.Instances.Keys.ToDictionary(i => i, i => Target(i, home)),
        TimeKeys = [.. keys.Select(k => new TimeKeyPlacement(k.Hour, k.Regions.ToDictionary(r => r.Key, r => Target(r.Key, r.Value))))],
        Graph = Graph,
    };

    public async Task PublishAsync(PlacementRecord record)
    {
        var store = new PlacementStore(_clients, TableRegion, PlacementTable);
        var current = await store.GetAsync(Namespace, Name, true, default);
        var write = await store.PutAsync(record with { Version = (current?.Version ?? 0) + 1 }, default);
        Assert.Equal(PlacementWriteStatus.Written, write.Status);
    }

    /// <summary>Starts a run the way a client does: an asynchronous invoke of the entry's copy in <paramref name="region"/>.</summary>
    public async Task StartRunAsync(string payload, string region)
    {
        var entry = Graph.Instances[Graph.Entry].Function;
        var response = await _clients.Lambda(region).InvokeAsync(new InvokeRequest
        {
            FunctionName = LocalFunctionHost.Arn(region, LambdaName(Name, entry, region)),
            InvocationType = InvocationType.Event,
            Payload = System.Text.Encoding.UTF8.GetBytes(payload),
        }, default);
        Assert.Equal(202, response.StatusCode);
    }

    public Task<IReadOnlyList<InvocationRecord>> RecordsAsync() =>
        new InvocationRecordStore(_clients, TableRegion, InvocationTable).ReadSinceAsync(Namespace, Name, DateTimeOffset.UnixEpoch, default);

    /// <summary>Waits (up to a generous bound) until the records satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<InvocationRecord>> WaitForRecordsAsync(Func<IReadOnlyList<InvocationRecord>, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var records = await RecordsAsync();
            if (done(records))
            {
                return records;
            }
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"The records never reached the expected state; {records.Count} so far: " +
                            string.Join("; ", records.Select(r => $"{r.Instance}@{r.Region} error={r.Error}")) +
                            $". Executions: {string.Join("; ", Host.Executions.Select(e => $"{e.LambdaName} {e.Kind} {e.Response}"))}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The run's state item (joins, failure).</summary>
    public async Task<Dictionary<string, AttributeValue>> RunItemAsync(string runId)
    {
        var response = await _clients.DynamoDb(TableRegion).GetItemAsync(new GetItemRequest
        {
            TableName = InvocationTable,
            Key = new Dictionary<string, AttributeValue>
            {
                [PlacementStore.KeyAttribute] = new() { S = PlacementStore.Key(Namespace, Name) },
                [TernTables.InvocationSortKey] = new() { S = RecordKeys.Run(runId) },
            },
            ConsistentRead = true,
        });
        return response.Item ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _clients.Dispose();
    }
}

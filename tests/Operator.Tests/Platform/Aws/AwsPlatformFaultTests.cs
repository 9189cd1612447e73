using System.Text.Json;
using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Model;
using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Monitoring;
using Tern.Operator.Platform.Aws;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Operator.Tests.Platform.Aws;

/// <summary>What moto never does, injected by its launcher while the operator runs: throttling storms, server errors,
/// Pending and InProgress states, update conflicts, and crashes between the steps of a deployment. Each ends in the
/// planned deployment with one function per region and nothing copied twice.</summary>
[Collection(AwsGroup.Name)]
public sealed class AwsPlatformFaultTests(AwsWorld world) : IAsyncLifetime
{
    private const string Away = "ca-central-1";
    private const string CreatePath = "^/2015-03-31/functions$";

    public async Task InitializeAsync()
    {
        if (world.SkipReason is null)
        {
            await world.Moto.ClearFaultsAsync();
            await world.Moto.ClearRequestsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (world.SkipReason is null)
        {
            await world.Moto.ClearFaultsAsync();
        }
    }

    [SkippableFact]
    public async Task A_throttling_storm_ends_in_a_clear_condition_after_bounded_retries_and_converges_once_it_stops()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        var metrics = new RuntimeMetrics();
        using var clients = world.Clients(observer: new AwsCallMetrics(metrics.Registry), maxAttempts: 4);
        // Two passes' worth of attempts: each pass gives up after its 4 and says why.
        await world.Moto.InjectAsync(new FaultRule
        {
            Method = "POST", Path = CreatePath, Region = AwsWorld.HomeRegion, Times = 8, Status = 429, Code = "TooManyRequestsException",
            Message = "Rate exceeded",
        });
        var host = AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers(),
            OperatorHarness.FastWorkflows with { FailureRetry = TimeSpan.FromSeconds(3) }, metrics);
        await harness.ApplyAsync(AwsWorkflowTests.Workflow("throttled"));

        var degraded = await harness.WaitForAsync("throttled", w => Ready(w)?.Reason == "DeploymentFailed", seconds: 120);
        await harness.WaitForAsync("throttled", OperatorHarness.IsReady, seconds: 120);

        var message = Ready(degraded)!.Message;
        Assert.Contains("CreateFunction in us-east-1 failed after 4 attempts: TooManyRequestsException: Rate exceeded (HTTP 429)", message,
            StringComparison.Ordinal);
        Assert.Contains("AWS is throttling these calls", message, StringComparison.Ordinal);
        Assert.Equal(9, await CountAsync("POST", CreatePath, AwsWorld.HomeRegion));
        using var http = new HttpClient();
        var scraped = await http.GetStringAsync(new Uri(host.MetricsUri!, "/metrics"));
        Assert.Contains("tern_aws_throttles_total{service=\"lambda\",operation=\"CreateFunction\"} 8", scraped);
        Assert.Contains("tern_aws_requests_total{service=\"lambda\",operation=\"CreateFunction\",outcome=\"throttled\"} 8", scraped);
    }

    [SkippableFact]
    public async Task Server_errors_and_a_lost_answer_are_retried_into_one_function()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients(maxAttempts: 4);
        await world.Moto.InjectAsync(
            new FaultRule { Method = "POST", Path = CreatePath, Region = Away, Times = 2, Status = 503, Code = "ServiceException" },
            // The third attempt creates the function, and its answer is lost on the way back.
            new FaultRule { Method = "POST", Path = CreatePath, Region = Away, Times = 1, After = true, Status = 502, Code = "ServiceException" });
        AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers());
        await harness.ApplyAsync(AwsWorkflowTests.Workflow("flaky"));

        var ready = await harness.WaitForAsync("flaky", OperatorHarness.IsReady, seconds: 180);

        Assert.Contains(Away, ready.Status!.Plan!.TimeKeys.SelectMany(k => k.Placement.Values));
        Assert.Equal(4, await CountAsync("POST", CreatePath, Away));
        var named = (await clients.Lambda(Away).ListFunctionsAsync(new ListFunctionsRequest(), default)).Functions!
            .Count(f => f.FunctionName == $"flaky-visualize-{Away}");
        Assert.Equal(1, named);
    }

    [SkippableFact]
    public async Task Pending_InProgress_and_an_update_conflict_are_waited_out_and_nothing_is_updated_meanwhile()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients(maxAttempts: 4);
        var name = $"settling-visualize-{Away}";
        var functionPath = $"^/2015-03-31/functions/{name}$";
        await world.Moto.InjectAsync(
            // Before the create, the copy is missing (as it truly is); Lambda answers the create with State Pending.
            new FaultRule { Method = "GET", Path = functionPath, Region = Away, Times = 1, Status = 404, Code = "ResourceNotFoundException" },
            new FaultRule { Method = "POST", Path = CreatePath, Region = Away, Times = 1, After = true, Status = 201,
                Body = JsonSerializer.Serialize(Configuration(name, "Pending", "Successful")) },
            new FaultRule { Method = "GET", Path = functionPath, Region = Away, Times = 2, Status = 200, Body = Canned(name, "Pending",
                "Successful") },
            new FaultRule { Method = "GET", Path = functionPath, Region = Away, Times = 2, Status = 200, Body = Canned(name, "Active",
                "InProgress") });
        AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers());
        await harness.ApplyAsync(AwsWorkflowTests.Workflow("settling"));

        await harness.WaitForAsync("settling", OperatorHarness.IsReady, seconds: 180);
        var hits = await HitsAsync();
        Assert.Equal([1, 1, 2, 2], hits);
        Assert.Equal(0, await CountAsync("PUT", $"/functions/{name}/", Away));

        // The next image's code update meets an update in progress for longer than one pass retries.
        await world.Moto.ClearFaultsAsync();
        await world.Moto.InjectAsync(new FaultRule
        {
            Method = "PUT", Path = $"/functions/{name}/code$", Region = Away, Times = 5, Status = 409, Code = "ResourceConflictException",
            Message = $"The operation cannot be performed at this time. An update is in progress for resource: {Arn(name)}",
        });
        await harness.Workflows.PatchAsync(new("default", "settling"),
            [new System.Text.Json.Nodes.JsonObject
            {
                ["op"] = "replace", ["path"] = "/spec/functions/0/image", ["value"] = AwsWorld.Image(AwsWorld.Repository, "2.0"),
            }], default);

        await harness.WaitForAsync("settling", w => OperatorHarness.IsReady(w) && w.Status!.ObservedGeneration == 2, seconds: 180);
        var conflicts = await HitsAsync();
        Assert.Equal([5], conflicts);
        Assert.Equal(6, await CountAsync("PUT", $"/functions/{name}/code$", Away));
        var copy = await clients.Lambda(Away).GetFunctionAsync(name, default);
        Assert.Equal(world.Version2.PlatformDigests["amd64"][7..], copy.Configuration!.CodeSha256);
    }

    [SkippableFact]
    public async Task A_crash_after_the_image_copy_and_before_the_function_exists_copies_nothing_twice()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        // A repository of this test's own, so every push to the region's registry is this test's.
        await world.PushAsync(world.Version1, "tern-examples/crash-after-copy", "1.0");
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients(maxAttempts: 4);
        await world.Moto.InjectAsync(new FaultRule { Method = "POST", Path = CreatePath, Region = Away, Times = 8, Status = 503,
            Code = "ServiceException" });
        AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers());
        var workflow = AwsWorkflowTests.Workflow("crashing");
        workflow.Spec = workflow.Spec with
        {
            Functions = [workflow.Spec.Functions[0] with { Image = AwsWorld.Image("tern-examples/crash-after-copy", "1.0") }],
        };
        await harness.ApplyAsync(workflow);

        await harness.WaitForAsync("crashing", w => Ready(w)?.Reason == "DeploymentFailed", seconds: 120);
        await harness.WaitForAsync("crashing", OperatorHarness.IsReady, seconds: 180);

        var registry = world.Registries[Away];
        var image = world.Version1;
        const string Repository = "tern-examples/crash-after-copy";
        Assert.All(image.PlatformDigests.Values.Append(image.IndexDigest),
            d => Assert.Equal(1, registry.ManifestPushes.GetValueOrDefault($"{Repository}@{d}")));
        Assert.All(image.BlobDigests, d => Assert.Equal(1, registry.BlobPushes.GetValueOrDefault($"{Repository}@{d}")));
        Assert.Equal(9, await CountAsync("POST", CreatePath, Away));
        await clients.Lambda(Away).GetFunctionAsync($"crashing-visualize-{Away}", default);
    }

    [SkippableFact]
    public async Task A_crash_between_create_and_tag_is_healed_by_tagging_without_a_second_create()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients(maxAttempts: 4);
        var name = $"untagged-visualize-{Away}";
        var digest = world.Version1.PlatformDigests["amd64"];
        await world.Moto.SeedImageAsync(Away, "dna-visualization", await File.ReadAllTextAsync(world.Version1.Blob(digest)));
        // What a pass that died between creating the function and tagging it leaves behind.
        await clients.Lambda(Away).CreateFunctionAsync(new CreateFunctionRequest
        {
            FunctionName = name,
            Role = AwsWorld.WorkflowRole,
            Code = new FunctionCode($"{MotoServer.AccountId}.dkr.ecr.{Away}.amazonaws.com/{AwsWorld.Repository}@{digest}"),
            PackageType = "Image",
            MemorySize = 1024,
            Timeout = 300,
            Architectures = ["x86_64"],
        }, default);
        await world.Moto.ClearRequestsAsync();
        AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers());
        await harness.ApplyAsync(AwsWorkflowTests.Workflow("untagged"));

        await harness.WaitForAsync("untagged", OperatorHarness.IsReady, seconds: 180);

        var copy = await clients.Lambda(Away).GetFunctionAsync(name, default);
        Assert.Equal(new CopyOwner("default", "untagged", "visualize"), CopyOwner.FromTags(copy.Tags));
        Assert.Equal(0, await CountAsync("POST", CreatePath, Away));
    }

    private static Condition? Ready(ServerlessWorkflow workflow) =>
        workflow.Status?.Conditions.FirstOrDefault(c => c.Type == WorkflowConditionTypes.Ready);

    private async Task<int> CountAsync(string method, string path, string region) =>
        (await world.Moto.RequestsAsync()).Count(r => r.Method == method && r.Region == region &&
                                                      System.Text.RegularExpressions.Regex.IsMatch(r.Path, path));

    private async Task<int[]> HitsAsync() =>
        [.. JsonDocument.Parse(await world.Moto.FaultsAsync()).RootElement.GetProperty("rules").EnumerateArray()
            .Select(r => r.GetProperty("hits").GetInt32())];

    private static string Arn(string name) => $"arn:aws:lambda:{Away}:{MotoServer.AccountId}:function:{name}";

    private object Configuration(string name, string state, string lastUpdate) => new
    {
        FunctionName = name, FunctionArn = Arn(name), State = state, LastUpdateStatus = lastUpdate,
        CodeSha256 = world.Version1.PlatformDigests["amd64"][7..], MemorySize = 1024, Timeout = 300,
        Role = AwsWorld.WorkflowRole, Architectures = new[] { "x86_64" }, PackageType = "Image",
    };

    private string Canned(string name, string state, string lastUpdate) => JsonSerializer.Serialize(new
    {
        Configuration = Configuration(name, state, lastUpdate),
        Tags = new CopyOwner("default", "settling", "visualize").Tags,
    });
}

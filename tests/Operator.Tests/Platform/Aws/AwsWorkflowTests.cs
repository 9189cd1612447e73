using System.Text;
using System.Text.Json;
using k8s;
using Microsoft.Extensions.Logging;
using Tern.Aws.Http;
using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Placement;
using Tern.Entities.Serialization;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Controllers;
using Tern.Operator.Hosting;
using Tern.Operator.Platform.Aws;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Operator.Tests.Platform.Aws;

/// <summary>The operator end to end on the AWS platform: workflows applied to the loopback API server, copies made in
/// moto (signature checking on) from images copied between loopback registries, placements in moto's DynamoDB.</summary>
[Collection(AwsGroup.Name)]
public sealed class AwsWorkflowTests(AwsWorld world)
{
    private const string WrongSecret = "wrong/Secret+Key0123456789abcdefEXAMPLE1";

    [SkippableFact]
    public async Task A_workflow_ends_with_its_copies_in_every_planned_region_and_its_placement_published_and_delete_removes_them()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        var logs = new RecordingLoggers();
        using var clients = world.Clients();
        StartOperator(harness, clients, logs);
        await harness.ApplyAsync(Workflow("orders"));

        var ready = await harness.WaitForAsync("orders", OperatorHarness.IsReady, seconds: 180);

        var plan = ready.Status!.Plan!;
        var regions = plan.TimeKeys.SelectMany(k => k.Placement.Values).Append(AwsWorld.HomeRegion).Distinct().ToList();
        Assert.True(regions.Count > 1, "the plan keeps everything at home, so nothing was copied to another region");
        var digest = world.Version1.PlatformDigests["amd64"];
        foreach (var region in regions)
        {
            var copy = await clients.Lambda(region).GetFunctionAsync($"orders-visualize-{region}", default);
            Assert.Equal(digest[7..], copy.Configuration!.CodeSha256);
            Assert.Equal($"{MotoServer.AccountId}.dkr.ecr.{region}.amazonaws.com/{AwsWorld.Repository}@{digest}", copy.Code!.ImageUri);
            Assert.Equal((1024, 300), (copy.Configuration.MemorySize, copy.Configuration.Timeout));
            Assert.Equal(new CopyOwner("default", "orders", "visualize"), CopyOwner.FromTags(copy.Tags));
            Assert.True(world.Registries[region].ManifestPushes.ContainsKey($"{AwsWorld.Repository}@{digest}"),
                $"the image was never pushed to {region}'s registry");
        }
        var published = await new PlacementStore(clients, AwsWorld.HomeRegion).GetAsync("default", "orders", true, default);
        // Version 1 routed everything home while the plan deployed; version 2 is the plan.
        Assert.Equal(2, published!.Version);
        Assert.Equal(plan.TimeKeys.Select(k => (k.StartHour, k.Placement["visualize"])),
            published.TimeKeys.Select(k => (k.StartHourUtc, k.Instances["visualize"].Region)));
        Assert.All(published.TimeKeys.Select(k => k.Instances["visualize"]),
            t => Assert.Equal($"arn:aws:lambda:{t.Region}:{MotoServer.AccountId}:function:orders-visualize-{t.Region}", t.FunctionArn));
        Assert.Equal(AwsWorld.HomeRegion, published.Home["visualize"].Region);
        // The copier logged in to each region's ECR: the token is in no log line, event or status.
        const string EcrPassword = $"{MotoServer.AccountId}-auth-token";
        await AssertNowhereAsync(harness, logs, "orders",
            EcrPassword, Convert.ToBase64String(Encoding.ASCII.GetBytes($"AWS:{EcrPassword}")), world.Moto.Credentials.SecretAccessKey);

        await harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync<object>("tern.dev", "v1alpha1", "default", "serverlessworkflows",
            "orders");

        await OperatorFixture.WaitUntilAsync(async () => await harness.Workflows.GetAsync(new("default", "orders"), default) is null,
            TimeSpan.FromSeconds(120), "the workflow is gone");
        foreach (var region in regions)
        {
            var gone = await Assert.ThrowsAsync<LambdaException>(() => clients.Lambda(region).GetFunctionAsync($"orders-visualize-{region}",
                default));
            Assert.Equal(AwsFailureKind.NotFound, gone.Kind);
        }
        Assert.Null(await new PlacementStore(clients, AwsWorld.HomeRegion).GetAsync("default", "orders", true, default));
    }

    [SkippableFact]
    public async Task A_new_image_reaches_the_copy_in_every_region()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients();
        StartOperator(harness, clients, new RecordingLoggers());
        await harness.ApplyAsync(Workflow("rebuilt"));
        var first = await harness.WaitForAsync("rebuilt", OperatorHarness.IsReady, seconds: 180);

        await harness.Workflows.PatchAsync(new("default", "rebuilt"),
            [new System.Text.Json.Nodes.JsonObject
            {
                ["op"] = "replace", ["path"] = "/spec/functions/0/image", ["value"] = AwsWorld.Image(AwsWorld.Repository, "2.0"),
            }], default);
        var second = await harness.WaitForAsync("rebuilt", w => OperatorHarness.IsReady(w) && w.Status!.ObservedGeneration == 2, seconds: 180);

        var regions = first.Status!.Plan!.TimeKeys.Concat(second.Status!.Plan!.TimeKeys).SelectMany(k => k.Placement.Values)
            .Append(AwsWorld.HomeRegion).Distinct();
        foreach (var region in regions)
        {
            var copy = await clients.Lambda(region).GetFunctionAsync($"rebuilt-visualize-{region}", default);
            Assert.Equal(world.Version2.PlatformDigests["amd64"][7..], copy.Configuration!.CodeSha256);
        }
    }

    [SkippableFact]
    public async Task A_wrong_secret_is_a_clear_condition_and_the_secret_is_in_no_log_event_or_status()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        var logs = new RecordingLoggers();
        using var clients = world.Clients(new Tern.Aws.AwsStaticCredentials(world.Moto.Credentials.AccessKeyId, WrongSecret));
        StartOperator(harness, clients, logs);
        await harness.ApplyAsync(Workflow("locked-out"));

        var failed = await harness.WaitForAsync("locked-out",
            w => w.Status?.Conditions.Any(c => c.Type == WorkflowConditionTypes.Ready && c.Reason == "DeploymentFailed") == true, seconds: 120);

        var ready = failed.Status!.Conditions.Single(c => c.Type == WorkflowConditionTypes.Ready);
        Assert.Contains("SignatureDoesNotMatch", ready.Message, StringComparison.Ordinal);
        Assert.Contains("config/iam", ready.Message, StringComparison.Ordinal);
        Assert.Contains(failed.Status.Conditions, c => c.Type == WorkflowConditionTypes.Degraded
            && c.Status == Entities.Conditions.ConditionStatus.True);
        await AssertNowhereAsync(harness, logs, "locked-out", WrongSecret, world.Moto.Credentials.SecretAccessKey);
    }

    /// <summary>The example dna-visualization under another name, allowed only its home region and ca-central-1.</summary>
    internal static ServerlessWorkflow Workflow(string name)
    {
        var workflow = OperatorFixture.Example("dna-visualization");
        workflow.Metadata.Name = name;
        workflow.Spec = workflow.Spec with { Regions = [AwsWorld.HomeRegion, "ca-central-1"] };
        return workflow;
    }

    internal static OperatorHost StartOperator(OperatorHarness harness, Tern.Aws.AwsClients clients, RecordingLoggers logs,
        WorkflowControllerOptions? workflows = null, RuntimeMetrics? metrics = null)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var platform = new AwsFunctionPlatform(clients, new AwsPlatformOptions(AwsWorld.HomeRegion), TimeProvider.System,
            loggers.CreateLogger("aws-platform"));
        return harness.StartOperator(platform: platform, loggers: loggers, workflows: workflows, metrics: metrics);
    }

    private static async Task AssertNowhereAsync(OperatorHarness harness, RecordingLoggers logs, string workflow, params string[] secrets)
    {
        var events = (await harness.Client.CoreV1.ListNamespacedEventAsync("default")).Items.Select(e => $"{e.Reason} {e.Message}");
        var status = JsonSerializer.Serialize(await harness.Workflows.GetAsync(new("default", workflow), default), TernJson.Options);
        var everything = string.Join('\n', logs.Lines.Concat(events).Append(status));
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), everything, StringComparison.Ordinal);
        }
    }
}

using k8s;
using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Controllers;
using Tern.Operator.Platform;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

/// <summary>The operator through its real HTTP path against the loopback API server.</summary>
public class WorkflowControllerTests
{
    [Fact]
    public async Task An_applied_workflow_becomes_ready_with_a_plan_in_status()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("text-2-speech-censoring"));

        var ready = await harness.WaitForAsync("text-2-speech-censoring", OperatorHarness.IsReady);

        var plan = ready.Status!.Plan!;
        Assert.Equal(24, plan.TimeKeys.Count);
        Assert.All(plan.TimeKeys, k => Assert.Equal(5, k.Placement.Count));
        Assert.Contains(ServerlessWorkflowReconciler.Finalizer, ready.Metadata.Finalizers!);
        Assert.Equal(ready.Metadata.Generation, ready.Status.ObservedGeneration);
        Assert.All(ready.Status.Deployments, d => Assert.Equal(CopyState.Active, d.State));
        var published = await harness.Platform.GetPlacementAsync(new WorkflowId("default", "text-2-speech-censoring"), default);
        Assert.Equal(24, published!.TimeKeys.Count);
        Assert.All(published.Targets, t => Assert.Contains(ready.Status.Deployments, d => d.Function == t.Function && d.Region == t.Region));
    }

    [Fact]
    public async Task A_spec_change_is_observed_and_replanned()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var first = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        await harness.Workflows.PatchAsync(new("default", "dna-visualization"),
            [new System.Text.Json.Nodes.JsonObject { ["op"] = "replace", ["path"] = "/spec/planning/timeKeysPerDay", ["value"] = 4 }], default);

        var replanned = await harness.WaitForAsync("dna-visualization", w => OperatorHarness.IsReady(w) && w.Status!.Plan!.TimeKeys.Count == 4);
        Assert.Equal(2, replanned.Metadata.Generation);
        Assert.Equal(2, replanned.Status!.ObservedGeneration);
        Assert.True(replanned.Status.Plan!.GeneratedAt >= first.Status!.Plan!.GeneratedAt);
        Assert.Contains(replanned.Status.Conditions, c => c.Type == "Planned" && c.Message.Contains("the spec changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_spec_gets_every_message_and_no_platform_call()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.StartOperator();
        var workflow = OperatorFixture.Example("dna-visualization");
        workflow.Spec = workflow.Spec with
        {
            HomeRegion = "us-east-1",
            ExcludedRegions = ["us-east-1"],
            Functions = [workflow.Spec.Functions[0] with { MemoryMiB = 64 }],
        };
        // The API server's schema and CEL rules refuse this spec; the operator must still cope with one stored before them.
        harness.Server.Faults.SkipValidationOfNextWrites(1);
        await harness.ApplyAsync(workflow);

        var invalid = await harness.WaitForAsync("dna-visualization", w => w.Status?.Conditions.Any(c => c.Reason == "InvalidSpec") == true);
        var ready = invalid.Status!.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Contains("spec.excludedRegions[0]", ready.Message, StringComparison.Ordinal);
        Assert.Contains("spec.functions[0].memoryMiB", ready.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Platform.Operations);
        Assert.Null(invalid.Metadata.Finalizers);
    }

    [Fact]
    public async Task Deleting_a_workflow_removes_every_copy_and_then_the_object()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
        var id = new WorkflowId("default", "image-processing");
        Assert.NotEmpty(await harness.Platform.ListCopiesAsync(id, default));

        await harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync<object>("tern.dev", "v1alpha1", "default", "serverlessworkflows",
            "image-processing");

        await OperatorFixture.WaitUntilAsync(async () => await harness.Workflows.GetAsync(new("default", "image-processing"), default) is null,
            TimeSpan.FromSeconds(20), "the workflow is gone");
        Assert.Empty(await harness.Platform.ListCopiesAsync(id, default));
    }

    [Fact]
    public async Task Injected_conflicts_errors_and_dropped_watches_fail_reconciles_which_back_off_and_converge_without_duplicate_deployments()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator();
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.IsReady), TimeSpan.FromSeconds(10), "the informers have listed");

        // The workflow's first writes fail: more conflicts than one status update retries, then server errors.
        harness.Server.Faults.ConflictNextWrites(6);
        harness.Server.Faults.FailNextWrites(3, OperatorHarness.UserAgentOf("operator-1"));
        await harness.ApplyAsync(OperatorFixture.Example("video-analytics"));
        harness.Server.Faults.DropWatches();
        harness.Server.Faults.ExpireNextWatches(1);
        harness.Server.Faults.DropWatches();

        var ready = await harness.WaitForAsync("video-analytics", OperatorHarness.IsReady, seconds: 60);
        var errors = host.Metrics.Errors.WithLabels("serverlessworkflow").Value;
        Assert.True(errors >= 1, "the injected failures reached the reconcile path");
        // Every failed reconcile was put back with a backoff delay.
        Assert.Equal(errors, host.Metrics.Retries.WithLabels("serverlessworkflow").Value);
        // Each copy was created once: retries and replays did not deploy, update or delete anything twice.
        var copies = await harness.Platform.ListCopiesAsync(new WorkflowId("default", "video-analytics"), default);
        Assert.Equal(copies.Count, harness.Platform.Operations);
        Assert.NotNull(ready.Status!.Plan);
    }

    [Fact]
    public async Task A_410_makes_the_informer_list_again()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        int Lists() => host.Controllers.Running<ServerlessWorkflow>()!.Informer.Lists
            + host.Controllers.Running<Tern.Entities.CarbonSources.CarbonSource>()!.Informer.Lists;
        var listsBefore = Lists();

        // Both informers reconnect; each gets 410 Gone and must list again.
        harness.Server.Faults.ExpireNextWatches(2);
        harness.Server.Faults.DropWatches();

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(Lists() >= listsBefore + 2), TimeSpan.FromSeconds(15),
            "both informers list again");
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
    }

    [Fact]
    public async Task Suspend_stops_planning_and_says_so()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.StartOperator();
        var workflow = OperatorFixture.Example("dna-visualization");
        workflow.Spec = workflow.Spec with { Suspend = true };
        await harness.ApplyAsync(workflow);
        var suspended = await harness.WaitForAsync("dna-visualization", w => w.Status?.Conditions.Any(c => c.Reason == "Suspended") == true);
        Assert.Null(suspended.Status!.Plan);
        Assert.Equal(0, harness.Platform.Operations);
    }
}

using System.Text.Json.Nodes;
using k8s;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

/// <summary>What the workflow controller decides across reconciles lives in the status, so a new leader goes on
/// where the old one stopped: it deploys the same pending plan and keeps the unused copies' grace periods.</summary>
public class WorkflowHandOverTests
{
    private static readonly LeaseTimings Fast = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task A_new_leader_publishes_the_plan_its_predecessor_was_deploying_without_planning_again()
    {
        // Copies outside the home region take long enough to deploy that the hand-over happens in the middle.
        await using var harness = await OperatorHarness.StartAsync(new SimulationOptions
        {
            DefaultDeployLatency = TimeSpan.FromSeconds(4),
            DeployLatency = new Dictionary<string, TimeSpan> { ["us-east-1"] = TimeSpan.FromMilliseconds(200) },
        });
        await harness.CreateNamespaceAsync("tern-system");
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Fast);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var deploying = await harness.WaitForAsync("dna-visualization", w => w.Status?.PendingPlan is not null);
        var pending = deploying.Status!.PendingPlan!;
        Assert.Null(deploying.Status.Plan);

        await harness.StopOperatorAsync(first);
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Fast);
        var ready = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        Assert.True(second.IsLeader);
        Assert.Null(ready.Status!.PendingPlan);
        Assert.Equal(pending.Plan.GeneratedAt, ready.Status.Plan!.GeneratedAt);
        Assert.Equal(pending.Plan.TimeKeys.Select(k => k.Placement), ready.Status.Plan.TimeKeys.Select(k => k.Placement));
        Assert.NotEmpty(ready.Status.Plan.PlannedWithCarbon);
    }

    [Fact]
    public async Task After_a_crash_mid_deploy_another_instance_finishes_the_recorded_plan_without_deploying_anything_twice()
    {
        await using var harness = await OperatorHarness.StartAsync(new SimulationOptions
        {
            DefaultDeployLatency = TimeSpan.FromSeconds(4),
            DeployLatency = new Dictionary<string, TimeSpan> { ["us-east-1"] = TimeSpan.FromMilliseconds(200) },
        });
        await harness.CreateNamespaceAsync("tern-system");
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Fast);
        await harness.ApplyAsync(OperatorFixture.Example("video-analytics"));
        var deploying = await harness.WaitForAsync("video-analytics", w => w.Status?.PendingPlan is not null
            && w.Status.Conditions.Any(c => c.Reason == "Deploying" && c.Message.Contains("the new plan", StringComparison.Ordinal)));

        // operator-1 dies mid-deploy: it releases nothing, so operator-2 waits for the lease to expire.
        await harness.CrashOperatorAsync(first, "operator-1");
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("tern-operator", "tern-system");
        Assert.Equal("operator-1", lease.Spec.HolderIdentity);
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Fast);
        var ready = await harness.WaitForAsync("video-analytics", OperatorHarness.IsReady, seconds: 60);

        Assert.True(second.IsLeader);
        Assert.Equal(deploying.Status!.PendingPlan!.Plan.GeneratedAt, ready.Status!.Plan!.GeneratedAt);
        var copies = await harness.Platform.ListCopiesAsync(new WorkflowId("default", "video-analytics"), default);
        Assert.Equal(copies.Select(c => (c.Spec.Function, c.Spec.Region)).Order(),
            ready.Status.Deployments.Select(d => (d.Function, d.Region)).Order());
        // Every copy was created once, by one instance or the other, and never updated or deleted.
        Assert.Equal(copies.Count, harness.Platform.Operations);
    }

    [Fact]
    public async Task Unused_copies_keep_their_grace_period_across_a_hand_over_and_are_deleted_when_it_ends()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        var workflows = OperatorHarness.FastWorkflows with { UnusedCopyGrace = TimeSpan.FromSeconds(6), CheckInterval = TimeSpan.FromSeconds(1) };
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Fast, workflows: workflows);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var planned = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        var away = planned.Status!.Deployments.Where(d => d.Region != "us-east-1").Select(d => d.Region).Distinct().ToList();
        Assert.NotEmpty(away);

        // Pinning the workflow at home leaves every other copy unused.
        await harness.Workflows.PatchAsync(new ResourceKey("default", "dna-visualization"),
            [new JsonObject { ["op"] = "replace", ["path"] = "/spec/regions", ["value"] = new JsonArray("us-east-1") }], default);
        var unused = await harness.WaitForAsync("dna-visualization",
            w => OperatorHarness.IsReady(w) && w.Status!.Deployments.Any(d => d.UnusedSince is not null));
        var since = unused.Status!.Deployments.Where(d => d.UnusedSince is not null).ToDictionary(d => (d.Function, d.Region), d => d.UnusedSince);
        Assert.Equal(away.Order(), since.Keys.Select(k => k.Region).Order());

        await harness.StopOperatorAsync(first);
        harness.StartOperator("operator-2", leaderElection: true, lease: Fast, workflows: workflows);
        // Until the copies go, every status operator-2 writes still carries the times operator-1 recorded.
        var cleaned = await harness.WaitForAsync("dna-visualization", w =>
        {
            Assert.All(w.Status!.Deployments.Where(d => d.UnusedSince is not null), d => Assert.Equal(since[(d.Function, d.Region)], d.UnusedSince));
            return w.Status.Deployments.All(d => d.Region == "us-east-1");
        });
        var id = new WorkflowId("default", "dna-visualization");
        Assert.All(await harness.Platform.ListCopiesAsync(id, default), c => Assert.Equal("us-east-1", c.Spec.Region));
        Assert.All(cleaned.Status!.Deployments, d => Assert.Null(d.UnusedSince));
    }
}

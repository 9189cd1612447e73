using k8s;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Hosting;

public class LeaderElectionTests
{
    private static readonly LeaseTimings Fast = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Only_the_leader_reconciles_and_the_other_takes_over_when_it_stops()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "tern-system" } });
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Fast);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.IsLeader), TimeSpan.FromSeconds(10), "operator-1 leads");
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Fast);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);
        Assert.Null(second.Controllers.Running<Tern.Entities.ServerlessWorkflows.ServerlessWorkflow>());
        Assert.True(second.IsReady, "a follower reports ready: it is healthy and waiting");

        var stopped = DateTimeOffset.UtcNow;
        await harness.StopOperatorAsync(first);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(second.IsLeader), Fast.LeaseDuration * 2, "operator-2 takes over");
        Assert.True(DateTimeOffset.UtcNow - stopped < Fast.LeaseDuration * 2);

        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("tern-operator", "tern-system");
        Assert.Equal("operator-2", lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.LeaseTransitions >= 1);
    }

    [Fact]
    public async Task Health_readiness_and_metrics_are_served()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.HealthUri is not null), TimeSpan.FromSeconds(5), "the endpoints are up");

        using var http = new HttpClient { BaseAddress = host.HealthUri };
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        Assert.Equal("ok", await http.GetStringAsync("/readyz"));
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("controller_runtime_reconcile_total{controller=\"serverlessworkflow\",result=\"requeue_after\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("workqueue_adds_total{name=\"carbonsource\"}", metrics, StringComparison.Ordinal);
    }
}

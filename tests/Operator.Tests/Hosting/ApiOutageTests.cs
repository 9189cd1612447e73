using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Hosting;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Sandbox;

namespace Tern.Operator.Tests.Hosting;

/// <summary>The API server unavailable or throttling, with two operator instances: no crash, backoff, one leader at a
/// time, and everything converges once it answers again. Timings are scaled down about tenfold from the defaults (lease
/// 15 s / 10 s / 2 s → 1.5 s / 1 s / 0.2 s), so an outage of a minute becomes six seconds.</summary>
public class ApiOutageTests
{
    private static readonly LeaseTimings Scaled = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(1.5),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task An_outage_of_a_scaled_minute_crashes_nothing_backs_off_and_converges_with_one_leader()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Scaled);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.IsLeader), TimeSpan.FromSeconds(10), "operator-1 leads");
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Scaled);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        var requestsBefore = harness.Server.Requests.Values.Sum();
        harness.Server.Faults.TakeDown(OutageAnswer.ConnectionReset, TimeSpan.FromMilliseconds(100));
        var leaders = new List<int>();
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6);
        while (DateTimeOffset.UtcNow < until)
        {
            leaders.Add((first.IsLeader ? 1 : 0) + (second.IsLeader ? 1 : 0));
            await Task.Delay(20);
        }
        var requestsDuring = harness.Server.Requests.Values.Sum() - requestsBefore;
        harness.Server.Faults.EndOutage();

        Assert.DoesNotContain(2, leaders);
        // With nobody able to renew, nobody leads for most of the outage.
        Assert.Equal(0, leaders[^1]);
        // Two electors every 200 ms come to about 60 requests; informers and workers back off instead of spinning.
        Assert.InRange(requestsDuring, 1, 300);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.IsLeader ^ second.IsLeader), TimeSpan.FromSeconds(20),
            "one instance leads again");
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
        Assert.False(harness.Running(first).IsCompleted);
        Assert.False(harness.Running(second).IsCompleted);
    }

    [Fact]
    public async Task Throttled_requests_fail_the_reconcile_which_backs_off_and_converges()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator();
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.IsReady), TimeSpan.FromSeconds(10), "the informers have listed");

        harness.Server.Faults.ThrottleNextRequests(4, OperatorHarness.UserAgentOf("operator-1"));
        await harness.ApplyAsync(OperatorFixture.Example("video-analytics"));

        var ready = await harness.WaitForAsync("video-analytics", OperatorHarness.IsReady, seconds: 60);
        Assert.True(host.Metrics.Errors.WithLabels("serverlessworkflow").Value >= 1, "the 429s reached a reconcile");
        Assert.Equal(host.Metrics.Errors.WithLabels("serverlessworkflow").Value, host.Metrics.Retries.WithLabels("serverlessworkflow").Value);
        var copies = await harness.Platform.ListCopiesAsync(new WorkflowId("default", "video-analytics"), default);
        Assert.Equal(copies.Count, harness.Platform.Operations);
        Assert.NotNull(ready.Status!.Plan);
    }
}

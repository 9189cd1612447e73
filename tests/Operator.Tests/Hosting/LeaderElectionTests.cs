using k8s;
using Microsoft.Extensions.Logging;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Hosting;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Sandbox;

namespace Tern.Operator.Tests.Hosting;

/// <summary>Two operator instances and one Lease, through the real HTTP path: one leader at a time, a fast hand-over
/// when the leader stops, and a leader cut off from the API server that stops its work before another may start.</summary>
public class LeaderElectionTests
{
    // The renew deadline is well below the lease duration: that margin is what a cut-off leader has to stop its work.
    private static readonly LeaseTimings Timings = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(6),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Only_the_leader_reconciles_and_the_other_takes_over_at_once_when_it_stops()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Timings);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.IsLeader), TimeSpan.FromSeconds(10), "operator-1 leads");
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Timings);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);
        Assert.Null(second.Controllers.Running<ServerlessWorkflow>());
        Assert.True(second.IsReady, "a follower reports ready: it is healthy and waiting");

        var stopped = DateTimeOffset.UtcNow;
        await harness.StopOperatorAsync(first);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(second.IsLeader), Timings.LeaseDuration * 2, "operator-2 takes over");
        // The stopped leader released the lease, so the take-over does not wait for it to expire.
        Assert.True(DateTimeOffset.UtcNow - stopped < Timings.LeaseDuration / 2, $"took {DateTimeOffset.UtcNow - stopped}");

        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("tern-operator", "tern-system");
        Assert.Equal("operator-2", lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.LeaseTransitions >= 1);
    }

    [Fact]
    public async Task A_leader_cut_off_mid_reconcile_cancels_it_and_steps_down_before_the_other_takes_over()
    {
        // Each cloud call takes a minute, so a reconcile is in flight whenever the workflow is reconciled.
        await using var harness = await OperatorHarness.StartAsync(new SimulationOptions { CallLatency = TimeSpan.FromMinutes(1) });
        await harness.CreateNamespaceAsync("tern-system");
        var lines = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(lines));
        var first = harness.StartOperator("operator-1", leaderElection: true, lease: Timings, loggers: loggers);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.IsLeader), TimeSpan.FromSeconds(10), "operator-1 leads");
        var second = harness.StartOperator("operator-2", leaderElection: true, lease: Timings);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", w => w.Metadata.Finalizers?.Count > 0);
        var overlap = WatchForTwoLeaders(first, second);

        // A one-sided partition: operator-1's requests hang for a minute; operator-2 still reaches the API server.
        var cut = DateTimeOffset.UtcNow;
        harness.Server.Faults.TakeDown(OutageAnswer.ConnectionReset, TimeSpan.FromMinutes(1), OperatorHarness.UserAgentOf("operator-1"));

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(first.Controllers.Running<ServerlessWorkflow>() is null), TimeSpan.FromSeconds(30),
            "operator-1's controllers stop");
        var stoppedAfter = DateTimeOffset.UtcNow - cut;
        Assert.True(stoppedAfter < Timings.RenewDeadline + TimeSpan.FromSeconds(1.5), $"operator-1 stopped its work after {stoppedAfter}");
        Assert.Contains(lines.Lines, l => l.Message.Contains("was stopped", StringComparison.Ordinal)
            && Equals(l.Scope["name"], "dna-visualization"));
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(second.IsLeader), Timings.LeaseDuration * 3, "operator-2 takes over");
        Assert.False(first.IsLeader);
        Assert.False(await overlap.StopAsync(), "both instances led at the same time");
        Assert.False(harness.Running(first).IsCompleted);
    }

    [Fact]
    public async Task Leading_again_after_a_lost_term_starts_fresh_controllers()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        var host = harness.StartOperator("operator-1", leaderElection: true, lease: Timings);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        var firstTerm = host.Controllers.Running<ServerlessWorkflow>();

        harness.Server.Faults.TakeDown(OutageAnswer.ServiceUnavailable, TimeSpan.Zero, OperatorHarness.UserAgentOf("operator-1"));
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(!host.IsLeader), TimeSpan.FromSeconds(10), "operator-1 steps down");
        harness.Server.Faults.EndOutage();
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.Controllers.Running<ServerlessWorkflow>() is { Synced: true }),
            TimeSpan.FromSeconds(20), "operator-1 leads again");

        Assert.Equal(2, host.Terms);
        Assert.NotSame(firstTerm, host.Controllers.Running<ServerlessWorkflow>());
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
    }

    private static Overlap WatchForTwoLeaders(OperatorHost first, OperatorHost second) => new(first, second);

    /// <summary>Samples both instances every few milliseconds and remembers whether both ever led at once.</summary>
    private sealed class Overlap
    {
        private readonly Task<bool> _watching;
        private volatile bool _stopped;

        public Overlap(OperatorHost first, OperatorHost second) => _watching = Task.Run(async () =>
        {
            while (!_stopped)
            {
                if (first.IsLeader && second.IsLeader)
                {
                    return true;
                }
                await Task.Delay(5);
            }
            return false;
        });

        public Task<bool> StopAsync()
        {
            _stopped = true;
            return _watching;
        }
    }
}

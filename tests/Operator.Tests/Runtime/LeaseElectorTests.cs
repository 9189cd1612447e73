using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Sandbox;

namespace Tern.Operator.Tests.Runtime;

/// <summary>The elector against the loopback API server, with lease calls that hang or time out.</summary>
public class LeaseElectorTests
{
    private static readonly LeaseTimings Timings = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(4),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task A_leader_whose_renewals_hang_steps_down_within_the_renew_deadline_and_cancels_its_work()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        using var client = harness.NewClient("a");
        var elector = new LeaseElector(client, "tern-system", "tern-operator", "a", TimeProvider.System, NullLogger.Instance, Timings);
        var led = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stepped = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = elector.RunAsync(async leading =>
        {
            led.TrySetResult();
            await Task.Delay(Timeout.Infinite, leading).ContinueWith(_ => stepped.TrySetResult(DateTimeOffset.UtcNow), TaskScheduler.Default);
        }, stop.Token);
        await led.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A one-sided partition: this instance's requests get no answer for a minute; the API server is fine for others.
        var cut = DateTimeOffset.UtcNow;
        harness.Server.Faults.TakeDown(OutageAnswer.ConnectionReset, TimeSpan.FromMinutes(1), OperatorHarness.UserAgentOf("a"));

        var steppedDown = await stepped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange((steppedDown - cut).TotalSeconds, 0, (Timings.RenewDeadline + TimeSpan.FromSeconds(1)).TotalSeconds);
        Assert.False(elector.IsLeader);
        Assert.False(running.IsCompleted);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Lease_calls_that_time_out_are_failed_attempts_not_a_crash()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        // The client gives up after half a second, with the TaskCanceledException HttpClient throws for a timeout.
        using var client = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = harness.Server.BaseUri.ToString(),
            UserAgent = OperatorHarness.UserAgentOf("slow"),
            HttpClientTimeout = TimeSpan.FromMilliseconds(500),
        });
        harness.Server.Faults.TakeDown(OutageAnswer.ServiceUnavailable, TimeSpan.FromSeconds(5), OperatorHarness.UserAgentOf("slow"));
        var elector = new LeaseElector(client, "tern-system", "tern-operator", "slow", TimeProvider.System, NullLogger.Instance, Timings);
        var led = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = elector.RunAsync(leading =>
        {
            led.TrySetResult();
            return Task.Delay(Timeout.Infinite, leading).ContinueWith(_ => { }, TaskScheduler.Default);
        }, stop.Token);

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(harness.Server.Requests.GetValueOrDefault("GET") >= 3), TimeSpan.FromSeconds(20),
            "several attempts time out");
        Assert.False(running.IsCompleted, running.Exception?.ToString());
        harness.Server.Faults.EndOutage();
        await led.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(elector.IsLeader);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

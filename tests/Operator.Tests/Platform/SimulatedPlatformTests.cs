using Microsoft.Extensions.Time.Testing;
using Tern.Operator.Platform;

namespace Tern.Operator.Tests.Platform;

public class SimulatedPlatformTests
{
    private static readonly WorkflowId Workflow = new("default", "demo");

    private static FunctionCopySpec Copy(string region) =>
        new(Workflow, "resize", region, $"demo-resize-{region}", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", 512, 30, "x86_64",
            new Dictionary<string, string>(), "arn:aws:iam::123456789012:role/x");

    private static PlacementRecord Routing(string region) =>
        new(Workflow, "us-east-1", 1, DateTimeOffset.MaxValue, [new TimeKeyPlacement(0, [new Route("resize", "resize", region)])]);

    [Fact]
    public async Task A_copy_is_pending_until_its_deploy_latency_has_passed()
    {
        var clock = new FakeTimeProvider();
        var platform = new SimulatedPlatform(clock, new SimulationOptions { DefaultDeployLatency = TimeSpan.FromSeconds(5) });
        Assert.Equal(CopyStatus.Pending, (await platform.EnsureCopyAsync(Copy("us-west-2"), default)).Status);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(CopyStatus.Active, (await platform.EnsureCopyAsync(Copy("us-west-2"), default)).Status);
        Assert.Equal(1, platform.Operations);
    }

    [Fact]
    public async Task A_placement_that_routes_to_a_copy_that_is_not_active_is_refused()
    {
        var clock = new FakeTimeProvider();
        var platform = new SimulatedPlatform(clock, new SimulationOptions { FailingRegions = new HashSet<string> { "eu-west-1" } });
        await platform.EnsureCopyAsync(Copy("us-west-2"), default);
        await Assert.ThrowsAsync<PlacementRefusedException>(() => platform.PublishPlacementAsync(Routing("us-west-2"), default));
        await Assert.ThrowsAsync<PlacementRefusedException>(() => platform.PublishPlacementAsync(Routing("ca-central-1"), default));
        Assert.Equal(CopyStatus.Failed, (await platform.EnsureCopyAsync(Copy("eu-west-1"), default)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        await platform.PublishPlacementAsync(Routing("us-west-2"), default);
        Assert.NotNull(await platform.GetPlacementAsync(Workflow, default));
    }

    [Fact]
    public async Task Deleting_is_idempotent_and_invocations_accumulate()
    {
        var clock = new FakeTimeProvider();
        var platform = new SimulatedPlatform(clock, new SimulationOptions { InvocationsPerMinute = 6 });
        await platform.EnsureCopyAsync(Copy("us-west-2"), default);
        await platform.DeleteCopyAsync(Workflow, "resize", "us-west-2", default);
        await platform.DeleteCopyAsync(Workflow, "resize", "us-west-2", default);
        Assert.Empty(await platform.ListCopiesAsync(Workflow, default));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(60, await platform.InvocationCountAsync(Workflow, default));
    }
}

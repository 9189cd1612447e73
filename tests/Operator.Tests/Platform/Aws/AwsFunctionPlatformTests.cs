using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Aws.Lambda;
using Tern.Aws.Placement;
using Tern.Operator.Platform;
using Tern.Operator.Platform.Aws;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support.Aws;
using CopyStatus = Tern.Operator.Platform.CopyStatus;
using PlacementRecord = Tern.Operator.Platform.PlacementRecord;
using TimeKeyPlacement = Tern.Operator.Platform.TimeKeyPlacement;

namespace Tern.Operator.Tests.Platform.Aws;

/// <summary>The AWS platform's own rules, called directly against moto: a placement is published only when every copy it
/// routes to is Active, each write replaces exactly the version read before it, copies are listed and deleted by tag.</summary>
[Collection(AwsGroup.Name)]
public sealed class AwsFunctionPlatformTests(AwsWorld world) : IAsyncLifetime
{
    private const string Away = "ca-central-1";
    private static readonly string[] X86 = ["x86_64"];

    public Task InitializeAsync() => world.SkipReason is null ? world.Moto.ClearFaultsAsync() : Task.CompletedTask;

    public Task DisposeAsync() => InitializeAsync();

    [SkippableFact]
    public async Task A_placement_is_refused_while_a_copy_it_routes_to_is_missing_or_not_Active()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        using var clients = world.Clients();
        var platform = Platform(clients);
        var id = new WorkflowId("default", "gatekeeper");
        Assert.Equal(CopyStatus.Active, (await platform.EnsureCopyAsync(Copy(id, AwsWorld.HomeRegion), default)).Status);

        var missing = await Assert.ThrowsAsync<PlacementRefusedException>(() => platform.PublishPlacementAsync(Routing(id, Away, 1), default));
        Assert.Equal(CopyStatus.Active, (await platform.EnsureCopyAsync(Copy(id, Away), default)).Status);
        await world.Moto.InjectAsync(PendingAnswer($"gatekeeper-visualize-{Away}"));
        var pending = await Assert.ThrowsAsync<PlacementRefusedException>(() => platform.PublishPlacementAsync(Routing(id, Away, 1), default));
        var nothing = await platform.GetPlacementAsync(id, default);
        await platform.PublishPlacementAsync(Routing(id, Away, 1), default);

        Assert.Contains($"to visualize in {Away} (Lambda function gatekeeper-visualize-{Away}): it does not exist", missing.Message,
            StringComparison.Ordinal);
        Assert.Contains("it is Pending (Lambda is creating the copy)", pending.Message, StringComparison.Ordinal);
        Assert.Null(nothing);
        var published = await platform.GetPlacementAsync(id, default);
        Assert.Equal((1L, Away), (published!.Version, published.TimeKeys.Single().Routes.Single().Region));
        Assert.Equal(0, await platform.InvocationCountAsync(id, default));
        var listed = await platform.ListCopiesAsync(id, [AwsWorld.HomeRegion, Away, "eu-north-1"], default);
        Assert.Equal([Away, AwsWorld.HomeRegion], listed.Select(c => c.Spec.Region).Order(StringComparer.Ordinal));
        Assert.All(listed, c => Assert.Equal((CopyStatus.Active, "visualize"), (c.Status, c.Spec.Function)));

        await platform.DeletePlacementAsync(id, default);
        foreach (var region in new[] { AwsWorld.HomeRegion, Away })
        {
            await platform.DeleteCopyAsync(id, "visualize", region, default);
        }
        Assert.Null(await platform.GetPlacementAsync(id, default));
        Assert.Empty(await platform.ListCopiesAsync(id, [AwsWorld.HomeRegion, Away], default));
    }

    [SkippableFact]
    public async Task Each_write_replaces_the_version_it_read_an_unchanged_routing_is_not_rewritten_and_a_concurrent_writer_wins()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        using var clients = world.Clients();
        var platform = Platform(clients);
        var id = new WorkflowId("default", "versioned");
        await platform.EnsureCopyAsync(Copy(id, AwsWorld.HomeRegion), default);
        await platform.PublishPlacementAsync(Routing(id, AwsWorld.HomeRegion, 1), default);
        await platform.PublishPlacementAsync(Routing(id, AwsWorld.HomeRegion, 1), default);
        var first = await platform.GetPlacementAsync(id, default);

        // This writer's next write is held up on its way to DynamoDB while another operator writes first.
        await world.Moto.InjectAsync(new FaultRule { Target = "PutItem", Region = AwsWorld.HomeRegion, DelayMs = 2000 });
        var racing = platform.PublishPlacementAsync(Routing(id, AwsWorld.HomeRegion, 2), default);
        await OperatorFixture.WaitUntilAsync(async () => JsonDocument.Parse(await world.Moto.FaultsAsync()).RootElement
            .GetProperty("rules")[0].GetProperty("hits").GetInt32() == 1, TimeSpan.FromSeconds(30), "the write is held up");
        var store = new PlacementStore(clients, AwsWorld.HomeRegion);
        var stored = await store.GetAsync("default", "versioned", consistent: true, default);
        var other = await store.PutAsync(stored! with { Version = 2, ExpiresAt = Expiry(3) }, default);
        var conflict = await Assert.ThrowsAsync<PlacementConflictException>(() => racing);
        var afterRace = await platform.GetPlacementAsync(id, default);
        await platform.PublishPlacementAsync(Routing(id, AwsWorld.HomeRegion, 2), default);

        Assert.Equal(1, first!.Version);
        Assert.Equal(PlacementWriteStatus.Written, other.Status);
        Assert.Contains("while Tern wrote version 2 (it is now version 2)", conflict.Message, StringComparison.Ordinal);
        Assert.Equal((2L, Expiry(3)), (afterRace!.Version, afterRace.ExpiresAt));
        var last = await platform.GetPlacementAsync(id, default);
        Assert.Equal((3L, Expiry(2)), (last!.Version, last.ExpiresAt));
    }

    private static AwsFunctionPlatform Platform(Tern.Aws.AwsClients clients) =>
        new(clients, new AwsPlatformOptions(AwsWorld.HomeRegion), TimeProvider.System, NullLogger.Instance);

    private static FunctionCopySpec Copy(WorkflowId id, string region) => new(id, "visualize", region, $"{id.Name}-visualize-{region}",
        AwsWorld.Image(AwsWorld.Repository, "1.0"), 1024, 300, "x86_64", new Dictionary<string, string>(), AwsWorld.WorkflowRole);

    private static PlacementRecord Routing(WorkflowId id, string region, int expiryDays) =>
        new(id, AwsWorld.HomeRegion, 1, Expiry(expiryDays), [new TimeKeyPlacement(0, [new Route("visualize", "visualize", region)])]);

    private static DateTimeOffset Expiry(int days) => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days);

    private FaultRule PendingAnswer(string name) => new()
    {
        Method = "GET", Path = $"^/2015-03-31/functions/{name}$", Region = Away, Status = 200,
        Body = JsonSerializer.Serialize(new
        {
            Configuration = new
            {
                FunctionName = name, FunctionArn = $"arn:aws:lambda:{Away}:{MotoServer.AccountId}:function:{name}", State = "Pending",
                LastUpdateStatus = "Successful", CodeSha256 = world.Version1.PlatformDigests["amd64"][7..], MemorySize = 1024, Timeout = 300,
                Role = AwsWorld.WorkflowRole, Architectures = X86,
            },
            Tags = new CopyOwner("default", "gatekeeper", "visualize").Tags,
        }),
    };
}

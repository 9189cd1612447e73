using Amazon.DynamoDBv2.Model;
using Tern.Aws.Placement;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Placement;

/// <summary>The placement store and table setup against moto's DynamoDB with signature checking on.</summary>
[Collection(MotoGroup.Name)]
public sealed class PlacementStoreTests(MotoServer moto)
{
    private const string Region = "eu-west-2";

    [SkippableFact]
    public async Task Setup_creates_both_tables_once_and_finds_every_item_action_allowed()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        var tables = new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) };

        var first = await tables.EnsureAsync("setup-placements", "setup-invocations");
        var second = await tables.EnsureAsync("setup-placements", "setup-invocations");

        Assert.Equal([true, true], first.Tables.Select(t => t.Created));
        Assert.Equal([false, false], second.Tables.Select(t => t.Created));
        Assert.All(second.Tables, t => Assert.Equal("ACTIVE", t.Status));
        Assert.True(second.AllAllowed, string.Join("; ", second.Permissions.Select(p => p.Message)));
        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], second.Permissions.Select(p => p.Action));
        var ttl = await clients.DynamoDb(Region).DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = "setup-invocations" });
        Assert.Equal(TernTables.InvocationTtlAttribute, ttl.TimeToLiveDescription.AttributeName);
    }

    [SkippableFact]
    public async Task Two_writers_of_the_same_version_cannot_interleave_the_second_gets_a_conflict()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        await new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync("race-placements", "race-invocations");
        var writerA = new PlacementStore(clients, Region, "race-placements");
        var writerB = new PlacementStore(clients, Region, "race-placements");

        Assert.Equal(PlacementWriteStatus.Written, (await writerA.PutAsync(Record(1, "eu-west-1"), default)).Status);
        Assert.Equal(PlacementWriteStatus.Conflict, (await writerB.PutAsync(Record(1, "eu-north-1"), default)).Status);
        var seenByA = await writerA.GetAsync("shop", "orders", consistent: true, default);
        var seenByB = await writerB.GetAsync("shop", "orders", consistent: true, default);
        Assert.Equal((1L, 1L), (seenByA!.Version, seenByB!.Version));

        var a = await writerA.PutAsync(Record(2, "us-west-2"), default);
        var b = await writerB.PutAsync(Record(2, "ca-central-1"), default);

        Assert.Equal((PlacementWriteStatus.Written, PlacementWriteStatus.Conflict), (a.Status, b.Status));
        var stored = await writerB.GetAsync("shop", "orders", consistent: true, default);
        Assert.Equal(Record(2, "us-west-2").ToJson(), stored!.ToJson());
        Assert.Equal(PlacementWriteStatus.Written, (await writerB.PutAsync(Record(3, "ca-central-1"), default)).Status);

        await writerA.DeleteAsync("shop", "orders", default);
        Assert.Null(await writerA.GetAsync("shop", "orders", consistent: false, default));
    }

    [SkippableFact]
    public async Task A_record_of_a_newer_schema_is_refused_with_advice_to_upgrade()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        await new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync("schema-placements", "schema-invocations");
        await clients.DynamoDb(Region).PutItemAsync(new PutItemRequest
        {
            TableName = "schema-placements",
            Item = new Dictionary<string, AttributeValue>
            {
                [PlacementStore.KeyAttribute] = new() { S = "shop/future" },
                [PlacementStore.SchemaAttribute] = new() { N = "2" },
                [PlacementStore.RecordAttribute] = new() { S = "{}" },
            },
        });

        var failure = await Assert.ThrowsAsync<PlacementException>(() =>
            new PlacementStore(clients, Region, "schema-placements").GetAsync("shop", "future", true, default));

        Assert.Contains("schema version 2", failure.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade Tern", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_missing_table_says_to_run_the_setup()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();

        var failure = await Assert.ThrowsAsync<PlacementException>(() =>
            new PlacementStore(clients, Region, "no-such-table").GetAsync("shop", "orders", true, default));

        Assert.Equal(Tern.Aws.Http.AwsFailureKind.NotFound, failure.Kind);
        Assert.Contains("tern aws setup", failure.Message, StringComparison.Ordinal);
    }

    internal static PlacementRecord Record(long version, string region) => new()
    {
        Namespace = "shop",
        Workflow = "orders",
        Version = version,
        GeneratedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        HomeRegion = "us-east-1",
        Home = new Dictionary<string, PlacementTarget>
        {
            ["resize"] = new("resize", "us-east-1", "arn:aws:lambda:us-east-1:123456789012:function:orders-resize"),
        },
        TimeKeys =
        [
            new TimeKeyPlacement(0, new Dictionary<string, PlacementTarget>
            {
                ["resize"] = new("resize", region, $"arn:aws:lambda:{region}:123456789012:function:orders-resize"),
            }),
        ],
    };
}

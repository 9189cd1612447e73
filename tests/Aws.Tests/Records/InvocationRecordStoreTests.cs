using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Records;

/// <summary>The invocation record store against moto's DynamoDB with signature checking on.</summary>
[Collection(MotoGroup.Name)]
public sealed class InvocationRecordStoreTests(MotoServer moto)
{
    private const string Region = "eu-west-3";

    [SkippableFact]
    public async Task Records_since_an_instant_come_back_oldest_first_without_older_ones_or_other_workflows()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        await new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync("rec-placements", "rec-invocations");
        var store = new InvocationRecordStore(clients, Region, "rec-invocations");
        var t0 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        await store.WriteAsync(InvocationRecordTests.Record(t0.AddMinutes(5), "late"), expires, default);
        await store.WriteAsync(InvocationRecordTests.Record(t0.AddMinutes(-1), "before"), expires, default);
        await store.WriteAsync(InvocationRecordTests.Record(t0, "at"), expires, default);
        await store.WriteAsync(InvocationRecordTests.Record(t0) with { Workflow = "shop/other", RequestId = "other" }, expires, default);

        var read = await store.ReadSinceAsync("shop", "orders", t0, default);

        Assert.Equal(["at", "late"], read.Select(r => r.RequestId));
        Assert.Equal(InvocationRecordTests.Record(t0, "at").ToJson(), read[0].ToJson());
    }

    [SkippableFact]
    public async Task More_records_than_one_page_are_all_read()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        await new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync("page-placements", "page-invocations");
        var store = new InvocationRecordStore(clients, Region, "page-invocations");
        var t0 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        // DynamoDB pages at 1 MB; 300 records of ~3.5 KB each cross it.
        var padding = new string('x', 3000);
        for (var i = 0; i < 300; i++)
        {
            await store.WriteAsync(InvocationRecordTests.Record(t0.AddSeconds(i), $"r{i}") with { Error = padding }, DateTimeOffset.UtcNow.AddDays(1),
                default);
        }

        var read = await store.ReadSinceAsync("shop", "orders", t0, default);

        Assert.Equal(300, read.Count);
    }
}

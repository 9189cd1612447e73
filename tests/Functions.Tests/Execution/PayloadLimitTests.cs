using Microsoft.Extensions.Time.Testing;
using Tern.Functions.Routing;
using Tern.Functions.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Functions.Tests.Execution;

/// <summary>Payloads at Lambda's 256 KB asynchronous limit go through; past it, or past DynamoDB's 400 KB item at a
/// join, the call fails with a message that gives the sizes and the way out.</summary>
[Collection(MotoGroup.Name)]
public sealed class PayloadLimitTests(MotoServer moto)
{
    private const string Home = "us-east-1";
    private const int AsyncLimit = 262_144;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A JSON string payload whose event, with Tern's envelope around it, is <paramref name="eventBytes"/> long.</summary>
    private static string PayloadForEvent(IWorkflowRouter router, int eventBytes)
    {
        var envelope = new Envelope
        {
            RunId = router.RunId, Instance = "b", Hops = 1, Home = false, CallerInstance = "a", CallerRegion = Home, SentAt = Now, Join = false,
        };
        var overhead = envelope.Serialize("\"\"").Length;
        return "\"" + new string('x', eventBytes - overhead) + "\"";
    }

    private async Task<LocalWorkflow> StartAsync(string name, Tern.Aws.Placement.CallGraph graph, Dictionary<string, TernHandler> handlers)
    {
        var workflow = await LocalWorkflow.StartAsync(moto, name, graph, handlers, [Home], new FakeTimeProvider(Now));
        await workflow.PublishAsync(workflow.Placement(1, Home, Now.AddDays(1)));
        return workflow;
    }

    [SkippableTheory]
    [InlineData(AsyncLimit, null)]
    [InlineData(AsyncLimit + 1, "262,145 bytes with Tern's envelope; Lambda accepts at most 262,144 bytes")]
    public async Task An_event_at_the_asynchronous_limit_is_delivered_and_one_byte_more_is_refused_clearly(int eventBytes, string? error)
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var graph = Graphs.Of("a", [], ("a", ["b"]), ("b", []));
        await using var workflow = await StartAsync($"async{eventBytes}", graph, new()
        {
            ["a"] = async (_, router, ct) =>
            {
                await router.InvokeAsync("b", PayloadForEvent(router, eventBytes), ct);
                return null;
            },
            ["b"] = Handlers.Done,
        });

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Any(x => x.Instance == "a") && (error is not null || r.Count == 2));

        var a = records.Single(r => r.Instance == "a");
        if (error is null)
        {
            Assert.Null(a.Error);
            // The event was exactly the limit; the payload inside it is that less Tern's envelope.
            Assert.Equal(a.Successors.Single().PayloadBytes, records.Single(r => r.Instance == "b").PayloadBytesIn);
            Assert.InRange(a.Successors.Single().PayloadBytes, AsyncLimit - 400, AsyncLimit);
        }
        else
        {
            Assert.Contains(error, a.Error, StringComparison.Ordinal);
            Assert.Contains("pass its key", a.Error, StringComparison.Ordinal);
            Assert.False(a.Successors.Single().Called);
        }
    }

    [SkippableFact]
    public async Task Join_payloads_past_the_400_KB_item_are_refused_clearly_and_the_join_does_not_hang()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var big = "\"" + new string('y', 250_000) + "\"";
        var graph = Graphs.Of("a", ["j"], ("a", ["b", "c"]), ("b", ["j"]), ("c", ["j"]), ("j", []));
        await using var workflow = await StartAsync("join400", graph, new()
        {
            ["a"] = Handlers.Calls("b", "c"),
            ["b"] = async (_, router, ct) =>
            {
                await router.InvokeAsync("j", big, ct);
                return null;
            },
            ["c"] = async (_, router, ct) =>
            {
                await Task.Delay(300, ct);
                await router.InvokeAsync("j", big, ct);
                return null;
            },
            ["j"] = Handlers.Done,
        });

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count(x => x.Instance is "b" or "c") == 2);
        var run = await workflow.RunItemAsync(records[0].RunId);

        var refused = Assert.Single(records, r => r.Error is not null);
        Assert.Contains("limited to 409,600 bytes", refused.Error, StringComparison.Ordinal);
        Assert.Equal("failed", run["status"].S);
        Assert.True(run["fired:j"].BOOL);
    }
}

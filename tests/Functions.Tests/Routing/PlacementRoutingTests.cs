using Microsoft.Extensions.Time.Testing;
using Tern.Functions.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Functions.Tests.Routing;

/// <summary>Calls follow the published placement, through the local function host and moto's DynamoDB.</summary>
[Collection(MotoGroup.Name)]
public sealed class PlacementRoutingTests(MotoServer moto)
{
    private const string Home = "us-east-1";
    private const string Planned = "eu-west-1";
    private static readonly DateTimeOffset At2030 = new(2026, 11, 30, 20, 30, 0, TimeSpan.Zero);

    private static readonly Tern.Aws.Placement.CallGraph Chain = Graphs.Of("a", [], ("a", ["b"]), ("b", ["c"]), ("c", []));

    private Task<LocalWorkflow> StartAsync(string name, FakeTimeProvider clock, double homeShare = 0,
        Dictionary<string, TernHandler>? handlers = null, Func<string, string, bool>? copyIn = null) =>
        LocalWorkflow.StartAsync(moto, name, Chain,
            handlers ?? new() { ["a"] = Handlers.Calls("b"), ["b"] = Handlers.Calls("c"), ["c"] = Handlers.Done },
            [Home, Planned], clock, homeShare, copyIn: copyIn);

    [SkippableFact]
    public async Task At_hour_20_the_time_key_starting_at_3_applies_not_the_one_starting_at_0()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var clock = new FakeTimeProvider(At2030);
        await using var workflow = await StartAsync("hour20", clock);
        await workflow.PublishAsync(workflow.Placement(1, Home, At2030.AddDays(1),
            (0, new() { ["b"] = Home, ["c"] = Home }), (3, new() { ["b"] = Planned, ["c"] = Planned })));

        await workflow.StartRunAsync("""{"n":1}""", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);

        Assert.Equal([("a", Home), ("b", Planned), ("c", Planned)], records.OrderBy(r => r.Instance).Select(r => (r.Instance, r.Region)));
        var a = records.Single(r => r.Instance == "a");
        Assert.Equal([new("b", true, Planned, 7)], a.Successors);
        var caller = records.Single(r => r.Instance == "c").Caller!;
        Assert.Equal(("b", Planned), (caller.Instance, caller.Region));
        Assert.All(records, r => Assert.Equal(records[0].RunId, r.RunId));
    }

    [SkippableFact]
    public async Task A_plan_that_expires_during_a_run_sends_the_next_hop_home()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var clock = new FakeTimeProvider(At2030);
        LocalWorkflow? started = null;
        var handlers = new Dictionary<string, TernHandler>
        {
            ["a"] = Handlers.Calls("b"),
            // The plan expires while b runs: b itself was routed by it, its call to c must not be. The clock moves only
            // once a has finished, so no timer of a's execution is moved with it.
            ["b"] = async (payload, router, ct) =>
            {
                await started!.WaitForRecordsAsync(r => r.Any(x => x.Instance == "a"));
                clock.Advance(TimeSpan.FromMinutes(20));
                await router.InvokeAsync("c", payload, ct);
                return null;
            },
            ["c"] = Handlers.Done,
        };
        await using var workflow = started = await StartAsync("expiry", clock, handlers: handlers);
        await workflow.PublishAsync(workflow.Placement(1, Home, At2030.AddMinutes(10), (0, new() { ["b"] = Planned, ["c"] = Planned })));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);

        Assert.Equal([("a", Home), ("b", Planned), ("c", Home)], records.OrderBy(r => r.Instance).Select(r => (r.Instance, r.Region)));
    }

    [SkippableFact]
    public async Task A_run_picked_to_stay_home_runs_every_hop_home_under_a_current_plan()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var clock = new FakeTimeProvider(At2030);
        await using var workflow = await StartAsync("homerun", clock, homeShare: 1);
        await workflow.PublishAsync(workflow.Placement(1, Home, At2030.AddDays(1), (0, new() { ["b"] = Planned, ["c"] = Planned })));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);

        Assert.All(records, r => Assert.Equal((Home, true), (r.Region, r.HomeRun)));
    }

    [SkippableFact]
    public async Task A_call_to_a_planned_copy_that_does_not_exist_falls_back_to_the_home_copy()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var clock = new FakeTimeProvider(At2030);
        await using var workflow = await StartAsync("missing", clock, copyIn: (function, region) => !(function == "b" && region == Planned));
        await workflow.PublishAsync(workflow.Placement(1, Home, At2030.AddDays(1), (0, new() { ["b"] = Planned, ["c"] = Planned })));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);

        Assert.Equal([("a", Home), ("b", Home), ("c", Planned)], records.OrderBy(r => r.Instance).Select(r => (r.Instance, r.Region)));
        Assert.Equal(Home, records.Single(r => r.Instance == "a").Successors.Single().Region);
    }

    [SkippableFact]
    public async Task A_run_past_the_hop_limit_is_stopped_and_marked_failed()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var clock = new FakeTimeProvider(At2030);
        await using var workflow = await LocalWorkflow.StartAsync(moto, "hops", Chain,
            new() { ["a"] = Handlers.Calls("b"), ["b"] = Handlers.Calls("c"), ["c"] = Handlers.Done }, [Home], clock,
            adjust: o => o with { MaxHops = 1 });
        await workflow.PublishAsync(workflow.Placement(1, Home, At2030.AddDays(1)));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 2);
        await workflow.Host.WaitForAsync(e => e.Any(x => x.Kind == FunctionHost.ExecutionEnd.Failed), TimeSpan.FromSeconds(60));
        var run = await workflow.RunItemAsync(records[0].RunId);

        Assert.Equal(("failed", "c"), (run["status"].S, run["failedInstance"].S));
        Assert.Contains("more than the limit of 1", run["error"].S, StringComparison.Ordinal);
    }
}

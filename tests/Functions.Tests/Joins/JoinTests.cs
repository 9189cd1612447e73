using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Tern.Functions.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Functions.Tests.Joins;

/// <summary>Joins wait for every predecessor through the run's DynamoDB item; a predecessor that will not call (a
/// conditional non-call, or one whose own caller skipped it) releases the join instead of leaving it waiting.</summary>
[Collection(MotoGroup.Name)]
public sealed class JoinTests(MotoServer moto)
{
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] JoinOnly = ["j"];
    private static readonly string[] BOrC = ["b", "c"];

    private async Task<(LocalWorkflow Workflow, ConcurrentQueue<string> JoinPayloads)> StartAsync(string name, Tern.Aws.Placement.CallGraph graph,
        Dictionary<string, TernHandler> handlers)
    {
        var received = new ConcurrentQueue<string>();
        handlers["j"] = (payload, _, _) =>
        {
            received.Enqueue(payload);
            return Task.FromResult<string?>(null);
        };
        var workflow = await LocalWorkflow.StartAsync(moto, name, graph, handlers, [Home], new FakeTimeProvider(Now));
        await workflow.PublishAsync(workflow.Placement(1, Home, Now.AddDays(1)));
        return (workflow, received);
    }

    [SkippableFact]
    public async Task A_join_of_two_runs_once_with_both_payloads_in_predecessor_order()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var graph = Graphs.Of("a", ["j"], ("a", ["b", "c"]), ("b", ["j"]), ("c", ["j"]), ("j", []));
        var (workflow, joined) = await StartAsync("join2", graph, new() { ["a"] = Handlers.Calls("c", "b"), ["b"] = Handlers.Tells("j"),
            ["c"] = Handlers.Tells("j") });
        await using var _ = workflow;

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 4);

        Assert.Equal(["""[{"from":"b"},{"from":"c"}]"""], joined);
        var join = records.Single(r => r.Instance == "j");
        Assert.Equal(27, join.PayloadBytesIn);
        Assert.Contains(join.Caller!.Instance, BOrC);
    }

    [SkippableFact]
    public async Task A_join_of_six_with_two_conditional_non_calls_runs_with_the_four_payloads_that_came()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var predecessors = Enumerable.Range(1, 6).Select(i => $"p{i}").ToArray();
        var graph = Graphs.Of("a", ["j"], [("a", predecessors), .. predecessors.Select(p => (p, JoinOnly)), ("j", [])]);
        var handlers = new Dictionary<string, TernHandler> { ["a"] = Handlers.Calls(predecessors) };
        foreach (var p in predecessors)
        {
            handlers[p] = p is "p2" or "p5" ? Handlers.Done : Handlers.Tells("j");
        }
        var (workflow, joined) = await StartAsync("join6", graph, handlers);
        await using var _ = workflow;

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 8);

        Assert.Equal(["""[{"from":"p1"},{"from":"p3"},{"from":"p4"},{"from":"p6"}]"""], joined);
        Assert.Equal([false, false], records.Where(r => r.Instance is "p2" or "p5").Select(r => r.Successors.Single().Called));
        Assert.All(records.Where(r => r.Instance is "p1" or "p3" or "p4" or "p6"), r => Assert.True(r.Successors.Single().Called));
        var run = await workflow.RunItemAsync(records[0].RunId);
        Assert.Equal(["Called", "Skipped", "Called", "Called", "Skipped", "Called"], predecessors.Select(p => run[$"mark:j:{p}"].S));
        Assert.False(run.ContainsKey("status"));
    }

    [SkippableFact]
    public async Task A_branch_skipped_upstream_releases_the_join_through_the_instances_that_never_ran()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        // a calls b but not c; c would have called d, and d the join: the join must not wait for d.
        var graph = Graphs.Of("a", ["j"], ("a", ["b", "c"]), ("b", ["j"]), ("c", ["d"]), ("d", ["j"]), ("j", []));
        var (workflow, joined) = await StartAsync("skipup", graph, new() { ["a"] = Handlers.Calls("b"), ["b"] = Handlers.Tells("j"),
            ["c"] = Handlers.Calls("d"), ["d"] = Handlers.Tells("j") });
        await using var _ = workflow;

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Any(x => x.Instance == "j"));

        Assert.Equal(["""[{"from":"b"}]"""], joined);
        Assert.Equal(["a", "b", "j"], records.Select(r => r.Instance).Order());
        var run = await workflow.RunItemAsync(records[0].RunId);
        Assert.Equal(("Called", "Skipped"), (run["mark:j:b"].S, run["mark:j:d"].S));
    }

    [SkippableFact]
    public async Task A_join_no_predecessor_calls_does_not_run_and_is_marked_released()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var graph = Graphs.Of("a", ["j"], ("a", ["b", "c"]), ("b", ["j"]), ("c", ["j"]), ("j", []));
        var (workflow, joined) = await StartAsync("joinnone", graph, new() { ["a"] = Handlers.Calls("b", "c"), ["b"] = Handlers.Done,
            ["c"] = Handlers.Done });
        await using var _ = workflow;

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);
        var run = await workflow.RunItemAsync(records[0].RunId);

        Assert.Equal(("Skipped", "Skipped", true), (run["mark:j:b"].S, run["mark:j:c"].S, run["fired:j"].BOOL));
        Assert.Empty(joined);
        Assert.DoesNotContain(workflow.Host.Executions, e => e.LambdaName.Contains("-j-", StringComparison.Ordinal));
    }
}

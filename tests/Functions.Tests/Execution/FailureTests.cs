using Microsoft.Extensions.Time.Testing;
using Tern.FunctionHost;
using Tern.Functions.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Functions.Tests.Execution;

/// <summary>A handler that throws: its error is recorded, the run is marked failed, the join after it is released
/// without running, and Lambda is told the execution failed.</summary>
[Collection(MotoGroup.Name)]
public sealed class FailureTests(MotoServer moto)
{
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task A_throwing_predecessor_fails_the_run_and_its_join_is_released_not_run()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var graph = Graphs.Of("a", ["j"], ("a", ["b", "c"]), ("b", ["j"]), ("c", ["j"]), ("j", ["k"]), ("k", []));
        var joinRan = false;
        await using var workflow = await LocalWorkflow.StartAsync(moto, "fails", graph, new()
        {
            ["a"] = Handlers.Calls("b", "c"),
            ["b"] = (_, _, _) => throw new InvalidOperationException("the text is empty"),
            ["c"] = Handlers.Tells("j"),
            ["j"] = (_, _, _) =>
            {
                joinRan = true;
                return Task.FromResult<string?>(null);
            },
            ["k"] = Handlers.Done,
        }, [Home], new FakeTimeProvider(Now));
        await workflow.PublishAsync(workflow.Placement(1, Home, Now.AddDays(1)));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 3);
        var run = await workflow.RunItemAsync(records[0].RunId);

        var failed = records.Single(r => r.Instance == "b");
        Assert.Equal("the text is empty", failed.Error);
        Assert.Equal(("failed", "b", "the text is empty"), (run["status"].S, run["failedInstance"].S, run["error"].S));
        Assert.Equal(("Failed", "Called", true), (run["mark:j:b"].S, run["mark:j:c"].S, run["fired:j"].BOOL));
        Assert.False(joinRan);
        var execution = Assert.Single(workflow.Host.Executions, e => e.Kind == ExecutionEnd.Failed);
        Assert.Equal("InvalidOperationException", execution.ErrorType);
        Assert.Contains("the text is empty", execution.Response, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Calling_a_function_the_workflow_does_not_declare_fails_with_a_message_naming_the_declared_calls()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var graph = Graphs.Of("a", [], ("a", ["b"]), ("b", []));
        await using var workflow = await LocalWorkflow.StartAsync(moto, "undeclared", graph,
            new() { ["a"] = Handlers.Calls("b", "zz"), ["b"] = Handlers.Done }, [Home], new FakeTimeProvider(Now));
        await workflow.PublishAsync(workflow.Placement(1, Home, Now.AddDays(1)));

        await workflow.StartRunAsync("{}", Home);
        var records = await workflow.WaitForRecordsAsync(r => r.Count == 2);

        Assert.Equal("a called zz, which the workflow does not declare among its calls (b); add it to the function's calls in the manifest.",
            records.Single(r => r.Instance == "a").Error);
        Assert.Null(records.Single(r => r.Instance == "b").Error);
    }
}

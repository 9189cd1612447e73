using System.Text.Json.Nodes;
using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Runtime;

/// <summary>The status writer through the real HTTP path: it retries a conflict from a fresh copy, and it never
/// overwrites a status written by someone else since its copy was read.</summary>
public class StatusWriterTests
{
    private static readonly ResourceKey Key = new("default", "dna-visualization");

    [Fact]
    public async Task A_stale_copy_meets_a_conflict_and_the_status_is_computed_again_from_the_fresh_object()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var stale = (await harness.Workflows.GetAsync(Key, default))!;
        // Someone else changes the spec after our read: the generation moves on and our copy's resourceVersion is old.
        await harness.Workflows.PatchAsync(Key, [Replace("/spec/planning/timeKeysPerDay", 4)], default);
        var computedFrom = new List<long?>();

        var stored = await new StatusWriter<ServerlessWorkflow, ServerlessWorkflowStatus>(harness.Workflows).UpdateAsync(stale, current =>
        {
            computedFrom.Add(current.Metadata.Generation);
            return (current.Status ?? new ServerlessWorkflowStatus()) with { ObservedGeneration = current.Metadata.Generation ?? 0 };
        }, default);

        Assert.Equal([1, 2], computedFrom);
        Assert.Equal(2, stored.Status!.ObservedGeneration);
        Assert.Equal(2, (await harness.Workflows.GetAsync(Key, default))!.Status!.ObservedGeneration);
    }

    [Fact]
    public async Task A_status_written_by_another_writer_since_the_read_is_kept_not_overwritten()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var stale = (await harness.Workflows.GetAsync(Key, default))!;
        var other = (await harness.Workflows.GetAsync(Key, default))!;
        other.Status = new ServerlessWorkflowStatus { Conditions = [Condition("WrittenElsewhere")] };
        await harness.Workflows.ReplaceStatusAsync(other, default);

        // The update adds a condition to whatever status the object has; from the stale copy that would drop the other writer's.
        static ServerlessWorkflowStatus AddOurs(ServerlessWorkflow current) =>
            (current.Status ?? new ServerlessWorkflowStatus()) with { Conditions = [.. current.Status?.Conditions ?? [], Condition("Ours")] };
        await new StatusWriter<ServerlessWorkflow, ServerlessWorkflowStatus>(harness.Workflows).UpdateAsync(stale, AddOurs, default);

        var conditions = (await harness.Workflows.GetAsync(Key, default))!.Status!.Conditions.Select(c => c.Type);
        Assert.Equal(["WrittenElsewhere", "Ours"], conditions);
    }

    [Fact]
    public async Task Injected_conflicts_are_retried_within_one_update()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var workflow = (await harness.Workflows.GetAsync(Key, default))!;
        harness.Server.Faults.ConflictNextWrites(3);

        var stored = await new StatusWriter<ServerlessWorkflow, ServerlessWorkflowStatus>(harness.Workflows)
            .UpdateAsync(workflow, current => new ServerlessWorkflowStatus { ObservedGeneration = 1, Conditions = [Condition("Ours")] }, default);

        Assert.Equal("Ours", Assert.Single(stored.Status!.Conditions).Type);
    }

    private static Condition Condition(string type) => new()
    {
        Type = type,
        Status = ConditionStatus.True,
        Reason = "Test",
        Message = "",
        LastTransitionTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static JsonObject Replace(string path, JsonNode value) => new() { ["op"] = "replace", ["path"] = path, ["value"] = value };
}

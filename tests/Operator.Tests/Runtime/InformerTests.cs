using System.Collections.Concurrent;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Sandbox;

namespace Tern.Operator.Tests.Runtime;

/// <summary>The informer against the loopback API server: deletes missed while the watch was down, objects it cannot
/// decode, and paged lists.</summary>
public class InformerTests
{
    private static readonly ResourceKey Dna = new("default", "dna-visualization");
    private static readonly ResourceKey Images = new("default", "image-processing");

    [Fact]
    public async Task A_delete_missed_while_the_watch_was_down_is_synthesised_by_the_relist_after_410()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        var changes = new ConcurrentQueue<(ResourceKey Key, ServerlessWorkflow? After)>();
        using var client = harness.NewClient("informer");
        var informer = new Informer<ServerlessWorkflow>(new CustomResourceClient<ServerlessWorkflow>(client), (k, _, a) => changes.Enqueue((k, a)),
            NullLogger.Instance, OperatorHarness.FastInformers);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(10));

        // The informer is cut off; meanwhile the object goes, and the history it would resume from is gone too (410).
        harness.Server.Faults.TakeDown(OutageAnswer.ServiceUnavailable, TimeSpan.Zero, OperatorHarness.UserAgentOf("informer"));
        await harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("tern.dev", "v1alpha1", "default", "serverlessworkflows", Images.Name);
        // Only the informer's watch: another client's reconnect must not take the expiry and leave it to resume from history.
        harness.Server.Faults.ExpireNextWatches(1, OperatorHarness.UserAgentOf("informer"));
        harness.Server.Faults.EndOutage();

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(changes.Any(c => c.Key == Images && c.After is null)),
            TimeSpan.FromSeconds(20), "the informer reports the delete");
        Assert.True(informer.DeletedObjects.ContainsKey(Images));
        Assert.Null(informer.Get(Images));
        Assert.NotNull(informer.Get(Dna));
        Assert.True(informer.Lists >= 2, $"the informer listed {informer.Lists} time(s); a 410 must make it list again");
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task An_object_that_cannot_be_decoded_is_skipped_and_reported_once_and_the_others_keep_flowing()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var broken = OperatorFixture.Example("image-processing");
        // Listed at start: the list must not fail because of it.
        // A real API server refuses it; the sandbox stores it anyway, as objects written before a schema change are stored.
        harness.Server.Faults.SkipValidationOfNextWrites(1);
        await harness.Client.CustomObjects.CreateNamespacedCustomObjectAsync(RawObjects.With(broken, "spec/functions/0/memoryMiB", "lots"),
            "tern.dev", "v1alpha1", "default", "serverlessworkflows");
        var reported = new ConcurrentQueue<UndecodableObject>();
        var changes = new ConcurrentQueue<(ResourceKey Key, ServerlessWorkflow? After)>();
        var informer = new Informer<ServerlessWorkflow>(harness.Workflows, (k, _, a) => changes.Enqueue((k, a)), NullLogger.Instance,
            OperatorHarness.FastInformers, onUndecodable: reported.Enqueue);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(10));

        var bad = Assert.Single(reported);
        Assert.Equal(Images, bad.Reference.Key);
        Assert.Contains("spec.functions[0].memoryMiB has a value of the wrong type (\"lots\")", bad.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", bad.Problem, StringComparison.Ordinal);
        Assert.Null(informer.Get(Images));
        Assert.Same(bad, informer.Undecodable(Images));

        // Later objects still arrive through the watch; a good object that breaks leaves the cache without a delete.
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(informer.Get(Dna) is not null), TimeSpan.FromSeconds(10), "the watch delivers");
        // A real API server refuses it; the sandbox stores it anyway, as objects written before a schema change are stored.
        harness.Server.Faults.SkipValidationOfNextWrites(1);
        await RawObjects.SetWorkflowFieldAsync(harness.Client, Dna.Name, "/spec/functions/0/memoryMiB", "plenty");
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(informer.Undecodable(Dna) is not null), TimeSpan.FromSeconds(10),
            "the break is seen");
        Assert.Null(informer.Get(Dna));
        Assert.False(informer.DeletedObjects.ContainsKey(Dna));
        Assert.DoesNotContain(changes, c => c.After is null);

        // Fixed, it is an ordinary object again.
        await RawObjects.SetWorkflowFieldAsync(harness.Client, Images.Name, "/spec/functions/0/memoryMiB", 1024);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(informer.Get(Images) is not null), TimeSpan.FromSeconds(10), "the fix is seen");
        Assert.Null(informer.Undecodable(Images));
        Assert.Equal(2, reported.Count);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_list_follows_continue_tokens_page_by_page()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var workflow = OperatorFixture.Example("dna-visualization");
        for (var i = 0; i < 7; i++)
        {
            workflow.Metadata.Name = $"wf-{i}";
            await harness.ApplyAsync(workflow);
        }

        var list = await harness.Workflows.ListAsync(default, pageSize: 3);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"wf-{i}"), list.Items.Select(w => w.Metadata.Name));
        var firstPage = await harness.Client.CustomObjects.ListClusterCustomObjectAsync("tern.dev", "v1alpha1", "serverlessworkflows", limit: 3);
        Assert.Contains("\"continue\"", System.Text.Json.JsonSerializer.Serialize(firstPage), StringComparison.Ordinal);
    }
}

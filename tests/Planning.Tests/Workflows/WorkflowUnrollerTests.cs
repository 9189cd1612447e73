using Tern.Planning.Workflows;
using static Tern.Tests.Support.ExampleWorkflows;
using Tern.Tests.Support;

namespace Tern.Planning.Tests.Workflows;

public class WorkflowUnrollerTests
{
    private static UnrolledWorkflow Unroll(string example) => WorkflowUnroller.Unroll(Load(example).Spec);

    private static string[] Names(UnrolledWorkflow workflow) => [.. workflow.Instances.Select(i => i.Name)];

    private static (string From, string To)[] Calls(UnrolledWorkflow w) =>
        [.. w.Edges.Select(e => (w.Instances[e.From].Name, w.Instances[e.To].Name))];

    public static TheoryData<string> Examples() => [.. Files().Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_unrolls_in_topological_order_from_its_entrypoint(string file)
    {
        var workflow = LoadFile(Path.Combine(RepoPaths.Of("examples"), file));
        var unrolled = WorkflowUnroller.Unroll(workflow.Spec);
        Assert.Equal(workflow.Spec.Entrypoint, unrolled.Instances[0].Name);
        Assert.All(unrolled.Edges, e => Assert.True(e.From < e.To, $"{e.From} → {e.To}"));
        Assert.Equal(unrolled.Instances.Count, Names(unrolled).Distinct().Count());
    }

    [Fact]
    public void Dna_visualization_is_one_instance()
    {
        var unrolled = Unroll("dna-visualization");
        Assert.Equal(["visualize"], Names(unrolled));
        Assert.Empty(unrolled.Edges);
    }

    [Fact]
    public void Image_processing_runs_five_image_processor_instances_one_per_call()
    {
        var unrolled = Unroll("image-processing");
        Assert.Equal(["get-requests", "image-processor#1", "image-processor#2", "image-processor#3", "image-processor#4", "image-processor#5"],
            Names(unrolled));
        Assert.All(unrolled.Edges, e => Assert.Equal(0, e.From));
        Assert.Equal([1.0, 0.8, 0.6, 0.4, 0.2], unrolled.Edges.Select(e => e.Probability));
    }

    [Fact]
    public void Text_2_speech_censoring_has_one_censor_join_with_two_incoming_calls()
    {
        var unrolled = Unroll("text-2-speech-censoring");
        Assert.Equal(["get-input", "text-2-speech", "profanity", "encoding", "censor"], Names(unrolled));
        Assert.Equal([("get-input", "text-2-speech"), ("get-input", "profanity"), ("text-2-speech", "encoding"), ("profanity", "censor"), ("encoding",
            "censor")],
            Calls(unrolled));
        Assert.True(unrolled.Instances[^1].Function.Join);
    }

    [Fact]
    public void Video_analytics_decodes_into_six_recognitions_that_all_call_the_one_consolidate_join()
    {
        var unrolled = Unroll("video-analytics");
        var recognitions = Enumerable.Range(1, 6).Select(n => $"recognition#{n}").ToArray();
        Assert.Equal(["streaming", "decode", .. recognitions, "consolidate"], Names(unrolled));
        var calls = Calls(unrolled);
        Assert.Equal(recognitions, calls.Where(c => c.From == "decode").Select(c => c.To));
        Assert.Equal(recognitions, calls.Where(c => c.To == "consolidate").Select(c => c.From));
        Assert.Equal(1 + 6 + 6, calls.Length);
    }

    [Fact]
    public void A_function_called_from_two_places_is_two_instances()
    {
        var unrolled = WorkflowUnroller.Unroll(Of([Function("a", "b", "c"), Function("b", "d"), Function("c", "d"), Function("d")]).Spec);
        Assert.Equal(["a", "b", "c", "d#1", "d#2"], Names(unrolled));
    }

    [Fact]
    public void A_join_created_before_its_last_caller_is_moved_after_it()
    {
        var join = Function("join") with { Join = true };
        var unrolled = WorkflowUnroller.Unroll(Of([Function("a", "join", "b"), Function("b", "c"), Function("c", "join"), join]).Spec);
        Assert.Equal(["a", "b", "c", "join"], Names(unrolled));
        Assert.All(unrolled.Edges, e => Assert.True(e.From < e.To));
    }

    [Fact]
    public void A_workflow_that_unrolls_into_more_than_256_instances_is_refused()
    {
        // Each level calls the next twice: 2^9 copies of the last function.
        var functions = Enumerable.Range(0, 10).Select(i => i < 9 ? Function($"f{i}", $"f{i + 1}", $"f{i + 1}") : Function($"f{i}")).ToList();
        var error = Assert.Throws<WorkflowMappingException>(() => WorkflowUnroller.Unroll(Of(functions).Spec));
        Assert.Contains("more than 256 function instances", error.Message, StringComparison.Ordinal);
        Assert.Contains("join: true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_through_a_join_is_refused()
    {
        var join = Function("join", "b") with { Join = true };
        var error = Assert.Throws<WorkflowMappingException>(() => WorkflowUnroller.Unroll(Of([Function("a", "join"), join, Function("b",
            "join")]).Spec));
        Assert.Equal("The calls form a cycle through join, b; a workflow must be a DAG.", error.Message);
    }

    [Fact]
    public void A_call_to_an_unknown_function_is_refused()
    {
        var error = Assert.Throws<WorkflowMappingException>(() => WorkflowUnroller.Unroll(Of([Function("a", "missing")]).Spec));
        Assert.Equal("Function a calls missing, which is not a function of the workflow.", error.Message);
    }
}

using System.Text.Json.Serialization;

namespace Tern.Aws.Placement;

/// <summary>The workflow's unrolled call graph, carried in the placement record so function code can tell which
/// instance a call goes to and how many predecessors a join waits for, without knowing the workflow's manifest.</summary>
/// <param name="Entry">The instance that starts a run.</param>
/// <param name="Instances">Instance name → what it runs and calls.</param>
public sealed record CallGraph(
    [property: JsonPropertyName("entry")] string Entry,
    [property: JsonPropertyName("instances")] IReadOnlyDictionary<string, GraphInstance> Instances)
{
    /// <summary>The instances that call <paramref name="instance"/>, in the graph's order.</summary>
    public IReadOnlyList<string> Predecessors(string instance) =>
        [.. Instances.Where(i => i.Value.Successors.Contains(instance, StringComparer.Ordinal)).Select(i => i.Key)];
}

/// <summary>One instance of the graph.</summary>
/// <param name="Function">The workflow function it runs.</param>
/// <param name="Join">True for a fan-in that runs once after all its predecessors have called it or will not.</param>
/// <param name="Successors">The instances it may call, in the order of the function's calls: the n-th call of a function
/// goes to the n-th successor that runs that function.</param>
public sealed record GraphInstance(
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("join")] bool Join,
    [property: JsonPropertyName("successors")] IReadOnlyList<string> Successors);

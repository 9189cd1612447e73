using Tern.Entities.ServerlessWorkflows;

namespace Tern.Planning.Workflows;

/// <summary>The workflow's unrolled call graph with the instance names plans use (function, or function#n), for the
/// placement record that function code routes by.</summary>
/// <param name="Entry">The instance that starts a run.</param>
/// <param name="Instances">Every instance in topological order.</param>
public sealed record WorkflowGraph(string Entry, IReadOnlyList<GraphNode> Instances)
{
    /// <exception cref="WorkflowMappingException">The calls do not form a valid DAG.</exception>
    public static WorkflowGraph Of(ServerlessWorkflowSpec spec)
    {
        var unrolled = WorkflowUnroller.Unroll(spec);
        return new WorkflowGraph(unrolled.Instances[0].Name, [.. unrolled.Instances.Select((instance, index) => new GraphNode(
            instance.Name, instance.Function.Name, instance.Function.Join,
            [.. unrolled.Edges.Where(e => e.From == index).Select(e => unrolled.Instances[e.To].Name)]))]);
    }
}

/// <param name="Name">The instance's name.</param>
/// <param name="Function">The function it runs.</param>
/// <param name="Join">True for a fan-in.</param>
/// <param name="Successors">The instances it calls, in the order of its function's calls.</param>
public sealed record GraphNode(string Name, string Function, bool Join, IReadOnlyList<string> Successors);

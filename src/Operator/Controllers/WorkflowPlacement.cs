using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.Operator.Platform;
using Tern.Planning.Workflows;
using CallGraph = Tern.Aws.Placement.CallGraph;
using GraphInstance = Tern.Aws.Placement.GraphInstance;

namespace Tern.Operator.Controllers;

/// <summary>Turns a workflow and its plan into what the platform needs: copy specs and placement records.</summary>
internal static class WorkflowPlacement
{
    public static FunctionCopySpec CopySpec(ServerlessWorkflow workflow, WorkflowId id, FunctionSpec function, string region) => new(
        id,
        function.Name,
        region,
        AwsNames.LambdaFunctionName(workflow.Metadata.Name, function.Name, region),
        // Images live in the home region's ECR; the platform copies them to the region's registry.
        function.Image,
        function.MemoryMiB,
        function.TimeoutSeconds,
        function.Architecture == Architecture.Arm64 ? "arm64" : "x86_64",
        function.Env,
        workflow.Spec.ExecutionRoleArn);

    /// <summary>Everything at home, for every hour: the placement before any plan exists.</summary>
    public static PlacementRecord Home(ServerlessWorkflow workflow, WorkflowId id) =>
        new(id, workflow.Spec.HomeRegion, workflow.Metadata.Generation ?? 0, DateTimeOffset.MaxValue,
            [new TimeKeyPlacement(0, [.. HomeRoutes(workflow)])], Graph(workflow));

    /// <summary>The plan's placement per time key. Instance names are function or function#n.</summary>
    public static PlacementRecord From(ServerlessWorkflow workflow, WorkflowId id, PlanStatus plan) =>
        new(id, workflow.Spec.HomeRegion, workflow.Metadata.Generation ?? 0, plan.ExpiresAt,
            [.. plan.TimeKeys.Select(k => new TimeKeyPlacement(k.StartHour,
                [.. k.Placement.Select(p => new Route(p.Key, FunctionOf(p.Key), p.Value))]))], Graph(workflow));

    /// <summary>The unrolled call graph function code routes by; null when the calls do not unroll (validation reports why).</summary>
    public static CallGraph? Graph(ServerlessWorkflow workflow)
    {
        try
        {
            var graph = WorkflowGraph.Of(workflow.Spec);
            return new CallGraph(graph.Entry, graph.Instances.ToDictionary(i => i.Name, i => new GraphInstance(i.Function, i.Join, i.Successors),
                StringComparer.Ordinal));
        }
        catch (WorkflowMappingException)
        {
            return null;
        }
    }

    // Every instance at home, so a call routed by the home placement finds its instance (function#n included).
    private static IEnumerable<Route> HomeRoutes(ServerlessWorkflow workflow) => Graph(workflow) is { } graph
        ? graph.Instances.Select(i => new Route(i.Key, i.Value.Function, workflow.Spec.HomeRegion))
        : workflow.Spec.Functions.Select(f => new Route(f.Name, f.Name, workflow.Spec.HomeRegion));

    /// <summary>Every region where the workflow's copies may be: the home region, every region a function may be
    /// placed in, and every region its status records a copy or a plan in (a region since dropped from the spec may
    /// still hold one).</summary>
    public static IReadOnlyCollection<string> Regions(ServerlessWorkflow workflow)
    {
        var regions = new SortedSet<string>(StringComparer.Ordinal) { workflow.Spec.HomeRegion };
        regions.UnionWith(workflow.Spec.Functions.SelectMany(f => CandidateRegions.For(workflow.Spec, f, RegionCatalogue.Bundled)));
        var status = workflow.Status;
        regions.UnionWith(status?.Deployments.Select(d => d.Region) ?? []);
        foreach (var plan in new[] { status?.Plan, status?.PendingPlan?.Plan })
        {
            regions.UnionWith(plan?.TimeKeys.SelectMany(k => k.Placement.Values) ?? []);
        }
        return regions;
    }

    private static string FunctionOf(string instance) => instance.Split('#')[0];
}

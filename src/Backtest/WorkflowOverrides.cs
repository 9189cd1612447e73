using Tern.Entities.ServerlessWorkflows;

namespace Tern.Backtest;

/// <summary>Applies --home, --regions and --constraints to a copy of the workflow, so the planner sees exactly the
/// experiment asked for. The manifest itself is never changed.</summary>
internal static class WorkflowOverrides
{
    public static ServerlessWorkflow Apply(ServerlessWorkflow workflow, BacktestRequest request, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(request);
        var spec = workflow.Spec;
        var home = request.Home ?? spec.HomeRegion;
        var regions = request.Regions is { } wanted ? [home, .. wanted.Where(r => r != home)] : spec.Regions;
        var functions = spec.Functions;
        if (request.Home is not null || request.Regions is not null)
        {
            // A stage pinned to regions that leave out the new home could not run anywhere in the experiment; the
            // pin is set aside for the backtest and said so, rather than failing or silently moving the home.
            functions = [.. spec.Functions.Select(f =>
            {
                if (f.Regions.Count > 0 && !f.Regions.Contains(home))
                {
                    notes.Add($"function {f.Name}: its own regions [{string.Join(", ", f.Regions)}] do not include home {home}; ignored in this backtest");
                    return f with { Regions = [] };
                }
                return f;
            })];
        }
        return new ServerlessWorkflow
        {
            ApiVersion = workflow.ApiVersion,
            Kind = workflow.Kind,
            Metadata = workflow.Metadata,
            Spec = spec with
            {
                HomeRegion = home,
                Regions = regions,
                ExcludedRegions = [.. spec.ExcludedRegions.Where(r => r != home)],
                Functions = functions,
                Constraints = request.Constraints ?? spec.Constraints,
            },
        };
    }
}

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
            functions = [.. spec.Functions.Select(f => Pins(f, home, request.Regions is null ? null : regions, notes))];
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

    // A stage pinned to regions that leave out the new home could not run anywhere in the experiment; the pin is set
    // aside for the backtest and said so, rather than failing or silently moving the home. Pinned regions that --regions
    // leaves out are dropped from the pin, so they are reported as left out by --regions, not as lacking data.
    private static FunctionSpec Pins(FunctionSpec function, string home, IReadOnlyList<string>? experiment, List<string> notes)
    {
        if (function.Regions.Count == 0)
        {
            return function;
        }
        if (!function.Regions.Contains(home))
        {
            notes.Add($"function {function.Name}: its own regions [{string.Join(", ", function.Regions)}] do not include home {home}; ignored in " +
                $"this backtest");
            return function with { Regions = [] };
        }
        var outside = experiment is null ? [] : function.Regions.Where(r => !experiment.Contains(r)).ToList();
        if (outside.Count == 0)
        {
            return function;
        }
        notes.Add($"function {function.Name}: {string.Join(", ", outside)} left out by --regions (the function's own regions are " +
            $"[{string.Join(", ", function.Regions)}])");
        return function with { Regions = [.. function.Regions.Where(experiment!.Contains)] };
    }
}

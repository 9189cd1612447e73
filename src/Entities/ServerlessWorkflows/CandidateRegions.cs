using Tern.Entities.Regions;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>The regions a function may be placed in, after the workflow's and the function's own
/// allow and deny lists are applied.</summary>
public static class CandidateRegions
{
    /// <summary>The function's regions if it lists any, else the workflow's, else the whole catalogue;
    /// minus the workflow's and the function's excluded regions; sorted by code.</summary>
    public static IReadOnlyList<string> For(ServerlessWorkflowSpec spec, FunctionSpec function, RegionCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(catalogue);
        IEnumerable<string> allowed = function.Regions.Count > 0 ? function.Regions
            : spec.Regions.Count > 0 ? spec.Regions
            : catalogue.All.Select(r => r.Code);
        var excluded = spec.ExcludedRegions.Concat(function.ExcludedRegions).ToHashSet(StringComparer.Ordinal);
        return [.. allowed.Where(r => !excluded.Contains(r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}

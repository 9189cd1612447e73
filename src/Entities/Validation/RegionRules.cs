using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

/// <summary>Regions exist, the home region is allowed everywhere (it is the fallback placement), and
/// every function keeps at least one region.</summary>
internal sealed class RegionRules(RegionCatalogue catalogue, ServerlessWorkflowSpec spec)
{
    /// <summary>True when the home region is set and in the catalogue; checks against it are meaningful only then.</summary>
    public bool HomeIsKnown => catalogue.Contains(spec.HomeRegion ?? "");

    public IReadOnlyList<string> CandidatesFor(FunctionSpec function) => CandidateRegions.For(spec, function, catalogue);

    public void Check(List<ValidationError> errors)
    {
        var home = spec.HomeRegion ?? "";
        if (home.Length == 0)
        {
            errors.Add(new("spec.homeRegion", "is required.", "Set it to the region whose ECR holds the images, for example us-east-1."));
        }
        else
        {
            CheckKnown("spec.homeRegion", home, errors);
        }

        CheckList("spec.regions", spec.Regions, errors);
        CheckList("spec.excludedRegions", spec.ExcludedRegions, errors);
        if (home.Length > 0 && spec.Regions.Count > 0 && !spec.Regions.Contains(home))
        {
            errors.Add(new("spec.regions", $"does not include the home region {home}; the home region is the fallback placement and must always be " +
                $"allowed.",
                $"Add {home} to spec.regions, or leave spec.regions empty to allow every region."));
        }
        CheckHomeNotExcluded("spec.excludedRegions", spec.ExcludedRegions, home, errors);

        for (var i = 0; i < spec.Functions.Count; i++)
        {
            CheckFunction(i, spec.Functions[i], home, errors);
        }
    }

    private void CheckFunction(int index, FunctionSpec function, string home, List<ValidationError> errors)
    {
        var path = FieldPath.Index("spec.functions", index);
        CheckList(FieldPath.Field(path, "regions"), function.Regions, errors);
        CheckList(FieldPath.Field(path, "excludedRegions"), function.ExcludedRegions, errors);
        if (home.Length > 0 && function.Regions.Count > 0 && !function.Regions.Contains(home))
        {
            errors.Add(new(FieldPath.Field(path, "regions"),
                $"does not include the home region {home}; the home region is the fallback placement of every function.",
                $"Add {home} to {FieldPath.Field(path, "regions")}."));
        }
        CheckHomeNotExcluded(FieldPath.Field(path, "excludedRegions"), function.ExcludedRegions, home, errors);
        if (CandidatesFor(function).Count == 0)
        {
            errors.Add(new(path, $"function '{function.Name}' is left with no region once the excluded regions are removed.",
                "Allow at least one region in its regions that neither spec.excludedRegions nor its own excludedRegions removes."));
        }
    }

    private void CheckList(string path, IReadOnlyList<string> regions, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < regions.Count; i++)
        {
            var itemPath = FieldPath.Index(path, i);
            if (!seen.Add(regions[i]))
            {
                errors.Add(new(itemPath, $"lists {regions[i]} a second time.", "Remove the duplicate."));
            }
            CheckKnown(itemPath, regions[i], errors);
        }
    }

    private static void CheckHomeNotExcluded(string path, IReadOnlyList<string> excluded, string home, List<ValidationError> errors)
    {
        var index = home.Length == 0 ? -1 : excluded.ToList().IndexOf(home);
        if (index >= 0)
        {
            errors.Add(new(FieldPath.Index(path, index), $"excludes the home region {home}; the home region is the fallback placement and cannot " +
                $"be excluded.",
                "Remove it from the list, or choose another spec.homeRegion."));
        }
    }

    private void CheckKnown(string path, string region, List<ValidationError> errors)
    {
        if (!catalogue.Contains(region))
        {
            errors.Add(new(path, $"'{region}' is not an AWS region in Tern's catalogue.{catalogue.DidYouMean(region)}",
                "Use a region code from data/regions.csv, such as us-east-1 or eu-west-2."));
        }
    }
}

using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Carbon;

namespace Tern.Planning.Workflows;

/// <summary>The regions a workflow can be planned over: those its functions may use that have carbon data and
/// Lambda prices. The home region comes first; every region left out is noted with its reasons.</summary>
internal sealed record RegionSelection(IReadOnlyList<string> Codes, IReadOnlyDictionary<string, IReadOnlyList<int>> AllowedByFunction)
{
    private static readonly Architecture[] Architectures = [Architecture.X86_64, Architecture.Arm64];

    public static RegionSelection Select(ServerlessWorkflowSpec spec, IEnumerable<FunctionSpec> functions, ICarbonProfile carbon,
        LambdaPriceTable prices, RegionCatalogue catalogue, List<string> notes)
    {
        var candidates = functions.DistinctBy(f => f.Name)
            .ToDictionary(f => f.Name, f => CandidateRegions.For(spec, f, catalogue), StringComparer.Ordinal);
        var wanted = new[] { spec.HomeRegion }.Concat(candidates.Values.SelectMany(c => c).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var codes = new List<string>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in wanted)
        {
            var reasons = Reasons(region, carbon, prices, catalogue);
            if (reasons.Count == 0)
            {
                codes.Add(region);
                continue;
            }
            missing[region] = string.Join("; ", reasons);
            if (region == spec.HomeRegion)
            {
                throw new WorkflowMappingException($"The home region {region} cannot be planned: {missing[region]}. The home region is every " +
                    $"function's " +
                    "fallback placement, so it needs carbon data and Lambda prices; choose another instant or carbon zone, or another home region.");
            }
            notes.Add($"{region} left out: {missing[region]}");
        }

        var index = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var allowed = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var (function, regions) in candidates)
        {
            allowed[function] = [.. regions.Where(index.ContainsKey).Select(r => index[r]).Order()];
            if (allowed[function].Count == 0)
            {
                var why = string.Join(", ", regions.Select(r => $"{r}: {missing.GetValueOrDefault(r, "not a candidate")}"));
                throw new WorkflowMappingException($"Function {function} has no region with carbon data and Lambda prices " +
                    $"({(why.Length == 0 ? "no candidate region" : why)}). " +
                    $"Allow a region that has both, such as the home region {spec.HomeRegion}.");
            }
        }
        return new RegionSelection(codes, allowed);
    }

    private static List<string> Reasons(string region, ICarbonProfile carbon, LambdaPriceTable prices, RegionCatalogue catalogue)
    {
        if (!catalogue.Contains(region))
        {
            return ["not in the region catalogue"];
        }
        var reasons = new List<string>();
        var regionCarbon = carbon.Find(region);
        if (regionCarbon is not { IsAvailable: true })
        {
            reasons.Add(regionCarbon?.UnavailableReason ?? "no carbon data");
        }
        // RegionModel holds both architectures' prices, so a region needs both.
        var unpriced = Architectures.Where(a => prices.Find(region, a) is null).Select(a => a == Architecture.X86_64 ? "x86_64" : "arm64").ToList();
        if (unpriced.Count > 0)
        {
            reasons.Add($"no Lambda price for {string.Join(" and ", unpriced)}");
        }
        return reasons;
    }
}

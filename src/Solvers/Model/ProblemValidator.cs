namespace Tern.Solvers.Model;

/// <summary>Checks a problem before planning: every number finite and in range, probabilities in [0, 1],
/// instances in topological order, every instance with a region, home allowed everywhere. Returns every
/// problem found, each naming where it is.</summary>
public static class ProblemValidator
{
    /// <summary>Every problem of <paramref name="problem"/>; empty when it can be planned.</summary>
    public static IReadOnlyList<string> Validate(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = new List<string>();
        var regionCount = problem.Regions.Count;
        if (regionCount == 0)
        {
            errors.Add("regions: there is no candidate region; at least the home region needs prices and carbon data.");
            return errors;
        }
        if (problem.HomeRegion < 0 || problem.HomeRegion >= regionCount)
        {
            errors.Add($"homeRegion: index {problem.HomeRegion} is not one of the {regionCount} regions.");
            return errors;
        }
        for (var r = 0; r < regionCount; r++)
        {
            CheckRegion(problem.Regions[r], errors);
        }
        if (problem.Instances.Count == 0)
        {
            errors.Add("instances: the workflow has no function instance.");
        }
        for (var i = 0; i < problem.Instances.Count; i++)
        {
            CheckInstance(problem, i, errors);
        }
        for (var e = 0; e < problem.Edges.Count; e++)
        {
            CheckEdge(problem, e, errors);
        }
        if (problem.Latency.RegionCount != regionCount || problem.Latency.EdgeCount != problem.Edges.Count)
        {
            errors.Add("latency: the table does not cover every edge and region pair.");
        }
        else
        {
            CheckLatency(problem, errors);
        }
        CheckTransferPrices(problem, errors);
        NonNegative("fixedCostUsd", problem.FixedCostUsd, errors);
        NonNegative("fixedCarbonGrams", problem.FixedCarbonGrams, errors);
        CheckBounds(problem.Constraints, errors);
        return errors;
    }

    private static void CheckRegion(RegionModel region, List<string> errors)
    {
        var where = $"region {region.Code}";
        if (region.HourlyGramsPerKwh.Count != 24)
        {
            errors.Add($"{where}: carbon intensity has {region.HourlyGramsPerKwh.Count} hourly values; 24 (one per UTC hour) are needed.");
        }
        for (var h = 0; h < region.HourlyGramsPerKwh.Count; h++)
        {
            NonNegative($"{where}: carbon intensity at hour {h}", region.HourlyGramsPerKwh[h], errors);
        }
        NonNegative($"{where}: x86 duration price", region.X86UsdPerGbSecond, errors);
        NonNegative($"{where}: arm64 duration price", region.ArmUsdPerGbSecond, errors);
        NonNegative($"{where}: x86 request price", region.X86UsdPerRequest, errors);
        NonNegative($"{where}: arm64 request price", region.ArmUsdPerRequest, errors);
        NonNegative($"{where}: message price", region.MessageUsdPer64Kb, errors);
        Positive($"{where}: PUE", region.Pue, errors);
        Positive($"{where}: relative performance", region.RelativePerformance, errors);
    }

    private static void CheckInstance(PlanningProblem problem, int index, List<string> errors)
    {
        var instance = problem.Instances[index];
        var where = $"instance {instance.Name}";
        if (instance.MemoryMb <= 0)
        {
            errors.Add($"{where}: memory {instance.MemoryMb} MB is not positive.");
        }
        if (instance.Vcpu is { } vcpu)
        {
            Positive($"{where}: vCPU", vcpu, errors);
        }
        if (instance.AllowedRegions.Count == 0)
        {
            errors.Add($"{where}: every region it could use is excluded or lacks data; allow at least the home region.");
        }
        else if (!instance.AllowedRegions.Contains(problem.HomeRegion))
        {
            errors.Add($"{where}: the home region {problem.Regions[problem.HomeRegion].Code} is not allowed; it is the fallback placement.");
        }
        foreach (var region in instance.AllowedRegions.Where(r => r < 0 || r >= problem.Regions.Count))
        {
            errors.Add($"{where}: allowed region index {region} does not exist.");
        }
        if (instance.RuntimeSeconds.Count != problem.Regions.Count)
        {
            errors.Add($"{where}: run times are given for {instance.RuntimeSeconds.Count} regions, not {problem.Regions.Count}.");
            return;
        }
        if (instance.RuntimeSeconds[problem.HomeRegion] is not { Count: > 0 })
        {
            errors.Add($"{where}: no run time in the home region; give a profile or record invocations.");
        }
        for (var r = 0; r < instance.RuntimeSeconds.Count; r++)
        {
            foreach (var value in instance.RuntimeSeconds[r] ?? [])
            {
                if (!NonNegative($"{where}: run time in {problem.Regions[r].Code}", value, errors))
                {
                    break;
                }
            }
        }
        foreach (var value in instance.CpuUtilization ?? [])
        {
            if (value is { } u && (!double.IsFinite(u) || u < 0 || u > 1))
            {
                errors.Add($"{where}: CPU utilisation {u} is not between 0 and 1.");
            }
        }
        if (instance.UntrackedTransferGb is { } untracked && untracked.Count != problem.Regions.Count)
        {
            errors.Add($"{where}: untracked transfers are given for {untracked.Count} regions, not {problem.Regions.Count}.");
        }
        foreach (var samples in instance.UntrackedTransferGb ?? [])
        {
            if (samples is { Count: 0 })
            {
                errors.Add($"{where}: an untracked transfer list is empty; give at least one sample or null.");
            }
            foreach (var gb in samples ?? [])
            {
                if (!NonNegative($"{where}: untracked transfer", gb, errors))
                {
                    break;
                }
            }
        }
    }

    private static void CheckEdge(PlanningProblem problem, int index, List<string> errors)
    {
        var edge = problem.Edges[index];
        var count = problem.Instances.Count;
        if (edge.From < 0 || edge.From >= count || edge.To < 0 || edge.To >= count)
        {
            errors.Add($"edge {index}: instance index {edge.From} → {edge.To} does not exist.");
            return;
        }
        var where = $"edge {problem.Instances[edge.From].Name} → {problem.Instances[edge.To].Name}";
        if (edge.To <= edge.From)
        {
            errors.Add($"{where}: goes backwards; instances must be in topological order (the calls must form a DAG).");
        }
        if (!double.IsFinite(edge.Probability) || edge.Probability < 0 || edge.Probability > 1)
        {
            errors.Add($"{where}: call probability {edge.Probability} is not between 0 and 1.");
        }
        if (!double.IsFinite(edge.CallAtFraction) || edge.CallAtFraction < 0 || edge.CallAtFraction > 1)
        {
            errors.Add($"{where}: call time {edge.CallAtFraction} is not a fraction of the run between 0 and 1.");
        }
        NonNegative($"{where}: storage price", edge.StorageUsdPerGb, errors);
        if (edge.PayloadGb.Count == 0)
        {
            errors.Add($"{where}: no payload size; give at least one sample.");
        }
        foreach (var size in edge.PayloadGb)
        {
            if (!NonNegative($"{where}: payload size", size, errors))
            {
                break;
            }
        }
    }

    private static void CheckLatency(PlanningProblem problem, List<string> errors)
    {
        var regions = problem.Regions.Count;
        for (var e = 0; e < problem.Edges.Count; e++)
        {
            for (var a = 0; a < regions; a++)
            {
                for (var b = 0; b < regions; b++)
                {
                    var samples = problem.Latency.Samples(e, a, b);
                    if (samples.Length == 0 || samples.Any(s => !double.IsFinite(s) || s < 0))
                    {
                        errors.Add($"latency of edge {e} from {problem.Regions[a].Code} to {problem.Regions[b].Code}: missing, negative or not a " +
                            $"finite number.");
                        return;
                    }
                }
            }
        }
    }

    private static void CheckTransferPrices(PlanningProblem problem, List<string> errors)
    {
        var regions = problem.Regions.Count;
        if (problem.TransferUsdPerGb.Count != regions || problem.TransferUsdPerGb.Any(row => row.Count != regions))
        {
            errors.Add($"transfer prices: a {regions}×{regions} matrix is needed.");
            return;
        }
        for (var a = 0; a < regions; a++)
        {
            for (var b = 0; b < regions; b++)
            {
                NonNegative($"transfer price {problem.Regions[a].Code} → {problem.Regions[b].Code}", problem.TransferUsdPerGb[a][b], errors);
            }
        }
    }

    private static void CheckBounds(ConstraintSet constraints, List<string> errors)
    {
        foreach (var (kind, bounds) in new[] { ("hard", constraints.Hard), ("soft", constraints.Soft) })
        {
            foreach (var (metric, bound) in bounds)
            {
                if (bound.Absolute is null == bound.PercentOfHome is null)
                {
                    errors.Add($"{kind} {metric}: set exactly one of absolute and percent of home.");
                }
                if (bound.Absolute is { } absolute)
                {
                    NonNegative($"{kind} {metric} absolute bound", absolute, errors);
                }
                if (bound.PercentOfHome is { } percent && !(double.IsFinite(percent) && percent > 0))
                {
                    errors.Add($"{kind} {metric}: percent of home {percent} is not a positive number.");
                }
            }
        }
    }

    private static bool NonNegative(string what, double value, List<string> errors)
    {
        if (double.IsFinite(value) && value >= 0)
        {
            return true;
        }
        errors.Add($"{what}: {value} is {(double.IsNaN(value) ? "not a number" : double.IsInfinity(value) ? "infinite" : "negative")}.");
        return false;
    }

    private static void Positive(string what, double value, List<string> errors)
    {
        if (NonNegative(what, value, errors) && value == 0)
        {
            errors.Add($"{what}: must be greater than 0.");
        }
    }
}

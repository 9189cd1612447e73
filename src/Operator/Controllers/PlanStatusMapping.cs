using Tern.Planning;
using System.Globalization;
using Tern.Entities.ServerlessWorkflows;
using Tern.Solvers.Plans;
using SolverEstimate = Tern.Solvers.Evaluation.Estimate;

namespace Tern.Operator.Controllers;

/// <summary>A solver plan as the workflow's status.plan.</summary>
internal static class PlanStatusMapping
{
    public static PlanStatus ToStatus(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var regions = plan.TimeKeys.SelectMany(k => k.Placement).Distinct().Select(r => plan.Regions[r]).Order(StringComparer.Ordinal).ToList();
        var algorithm = plan.TimeKeys[0].AlgorithmRun;
        var savings = plan.TimeKeys.Average(k => k.CarbonSavingsPercent);
        return new PlanStatus
        {
            GeneratedAt = plan.GeneratedAt,
            ExpiresAt = plan.ExpiresAt,
            Algorithm = algorithm switch
            {
                AlgorithmChoice.CoarseGrained => PlanningAlgorithm.CoarseGrained,
                AlgorithmChoice.FineGrained => PlanningAlgorithm.FineGrained,
                _ => PlanningAlgorithm.Heuristic,
            },
            Summary = $"{algorithm}: {string.Join(", ", regions)}",
            CarbonSavings = string.Create(CultureInfo.InvariantCulture, $"{savings:0.0}%"),
            TimeKeys = [.. plan.TimeKeys.Select(k => new Tern.Entities.ServerlessWorkflows.TimeKeyPlan
            {
                StartHour = k.StartHour,
                Placement = Enumerable.Range(0, k.Placement.Count).ToDictionary(i => plan.Instances[i], i => plan.Regions[k.Placement[i]]),
                Estimates = Estimates(k.Estimate),
                Home = Estimates(k.Home),
                Reason = k.Reason,
            })],
        };
    }

    // Six significant digits: the status is compared to decide whether to write it, so noise-level digits would cause writes.
    private static Estimates Estimates(SolverEstimate e) => new()
    {
        RuntimeMeanSeconds = Rounding.SixDigits(e.RuntimeMeanSeconds),
        RuntimeP95Seconds = Rounding.SixDigits(e.RuntimeP95Seconds),
        CostUsd = Rounding.SixDigits(e.CostUsd),
        CarbonGrams = Rounding.SixDigits(e.CarbonGrams),
    };
}

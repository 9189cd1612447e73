using System.Text.Json.Nodes;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>A plan as a JSON document (for `--output json|yaml`): placements by instance and region
/// name, figures with their units in the field names.</summary>
public static class PlanDocument
{
    public static JsonObject From(Plan plan) => new()
    {
        ["workflow"] = plan.Workflow,
        ["algorithm"] = plan.Requested.ToString(),
        ["generatedAt"] = plan.GeneratedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["expiresAt"] = plan.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = plan.Seed,
        ["elapsedMs"] = Math.Round(plan.Elapsed.TotalMilliseconds, 1),
        ["notes"] = new JsonArray([.. plan.Notes.Select(n => (JsonNode)n)]),
        ["timeKeys"] = new JsonArray([.. plan.TimeKeys.Select(k => (JsonNode)TimeKey(plan, k))]),
    };

    private static JsonObject TimeKey(Plan plan, TimeKeyPlan key)
    {
        var placement = new JsonObject();
        for (var i = 0; i < key.Placement.Count; i++)
        {
            placement[plan.Instances[i]] = plan.Regions[key.Placement[i]];
        }
        var json = new JsonObject
        {
            ["startHour"] = key.StartHour,
            ["hours"] = key.Hours,
            ["placement"] = placement,
            ["estimate"] = Figures(key.Estimate),
            ["home"] = Figures(key.Home),
            ["savings"] = new JsonObject
            {
                ["carbonPercent"] = Math.Round(key.CarbonSavingsPercent, 2),
                ["costPercent"] = Math.Round(key.CostSavingsPercent, 2),
                ["runtimePercent"] = Math.Round(key.RuntimeSavingsPercent, 2),
            },
            ["algorithm"] = key.AlgorithmRun.ToString(),
            ["provenOptimal"] = key.ProvenOptimal,
            ["evaluations"] = key.Evaluations,
            ["samples"] = key.Samples,
            ["elapsedMs"] = Math.Round(key.Elapsed.TotalMilliseconds, 2),
        };
        if (key.Reason is not null)
        {
            json["reason"] = key.Reason;
        }
        return json;
    }

    private static JsonObject Figures(Estimate estimate) => new()
    {
        ["carbonGrams"] = Rounding.SixDigits(estimate.CarbonGrams),
        ["costUsd"] = Rounding.SixDigits(estimate.CostUsd),
        ["runtimeMeanSeconds"] = Rounding.SixDigits(estimate.RuntimeMeanSeconds),
        ["runtimeP95Seconds"] = Rounding.SixDigits(estimate.RuntimeP95Seconds),
        ["samples"] = estimate.Samples,
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>A plan as a JSON document (for `--output json|yaml`): the summary the table leads with (per invocation and
/// per month against home), then every time key's placement by instance and region name and its figures, with units in
/// the field names. How the solver found each key (algorithm, counts, time) is kept apart under `search`.</summary>
public static class PlanDocument
{
    /// <param name="plan">The plan.</param>
    /// <param name="rate">Invocations per hour of the day the monthly figures use, and where they come from.</param>
    /// <param name="carbon">Which carbon the plan was made with, or null.</param>
    public static JsonObject From(Plan plan, InvocationRate rate, string? carbon)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var summary = PlanSummary.Of(plan, rate);
        var month = summary.Rate.PerMonth;
        return new JsonObject
        {
            ["workflow"] = plan.Workflow,
            ["homeRegion"] = plan.Regions[plan.TimeKeys[0].HomeRegion],
            ["algorithm"] = plan.Requested.ToString(),
            ["carbon"] = carbon,
            ["generatedAt"] = plan.GeneratedAt.ToString("O", CultureInfo.InvariantCulture),
            ["expiresAt"] = plan.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["seed"] = plan.Seed,
            ["summary"] = new JsonObject
            {
                ["perInvocation"] = new JsonObject { ["plan"] = Day(summary.Plan, 1), ["home"] = Day(summary.Home, 1) },
                ["perMonth"] = new JsonObject { ["plan"] = Day(summary.Plan, month), ["home"] = Day(summary.Home, month) },
                ["carbonSavedPercent"] = Math.Round(summary.CarbonSavedPercent, 2),
                ["costChangePercent"] = Math.Round(summary.CostChangePercent, 2),
                ["runtimeP95ChangePercent"] = Math.Round(summary.RuntimeP95ChangePercent, 2),
                ["invocationsPerMonth"] = Rounding.SixDigits(month),
                ["invocationRate"] = summary.Rate.Source,
                ["daysPerMonth"] = PlanSummary.DaysPerMonth,
            },
            ["notes"] = new JsonArray([.. plan.Notes.Select(n => (JsonNode)n)]),
            ["timeKeys"] = new JsonArray([.. plan.TimeKeys.Select(k => (JsonNode)TimeKey(plan, k))]),
            ["elapsedMs"] = Math.Round(plan.Elapsed.TotalMilliseconds, 1),
        };
    }

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
        };
        if (key.Reason is not null)
        {
            json["reason"] = key.Reason;
        }
        json["search"] = new JsonObject
        {
            ["algorithm"] = key.AlgorithmRun.ToString(),
            ["provenOptimal"] = key.ProvenOptimal,
            ["placementsJudged"] = key.PlacementsEvaluated,
            ["monteCarloEvaluations"] = key.Evaluations,
            ["monteCarloSamples"] = key.Samples,
            ["elapsedMs"] = Math.Round(key.Elapsed.TotalMilliseconds, 2),
        };
        return json;
    }

    private static JsonObject Figures(Estimate estimate) => new()
    {
        ["carbonGrams"] = Rounding.SixDigits(estimate.CarbonGrams),
        ["costUsd"] = Rounding.SixDigits(estimate.CostUsd),
        ["runtimeMeanSeconds"] = Rounding.SixDigits(estimate.RuntimeMeanSeconds),
        ["runtimeP95Seconds"] = Rounding.SixDigits(estimate.RuntimeP95Seconds),
    };

    private static JsonObject Day(DayFigures figures, double invocations)
    {
        var json = new JsonObject
        {
            ["carbonGrams"] = Rounding.SixDigits(figures.CarbonGrams * invocations),
            ["costUsd"] = Rounding.SixDigits(figures.CostUsd * invocations),
        };
        if (invocations == 1)
        {
            json["runtimeP95Seconds"] = Rounding.SixDigits(figures.RuntimeP95Seconds);
        }
        return json;
    }
}

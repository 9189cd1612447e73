using System.Globalization;
using System.Text;
using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>A plan as terminal tables: where each instance runs per time key, then the figures of each
/// time key next to the home placement's.</summary>
public static class PlanTable
{
    public static string Render(Plan plan)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Plan for {plan.Workflow}: {plan.TimeKeys.Count} time key(s), algorithm {plan.Requested}, seed {plan.Seed}, planned in {plan.Elapsed.TotalMilliseconds:0} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated {plan.GeneratedAt:yyyy-MM-dd HH:mm}Z, expires {plan.ExpiresAt:yyyy-MM-dd HH:mm}Z; home region {plan.Regions[plan.TimeKeys[0].HomeRegion]}");
        text.AppendLine();

        var placementRows = plan.TimeKeys.Select(k => (IReadOnlyList<string>)[Hours(k), .. k.Placement.Select(r => plan.Regions[r])]).ToList();
        text.Append(Table(["UTC", .. plan.Instances], placementRows));
        text.AppendLine();

        var figureRows = plan.TimeKeys.Select(k => (IReadOnlyList<string>)
        [
            Hours(k),
            $"{k.Estimate.CarbonGrams:0.####}", $"{k.Home.CarbonGrams:0.####}", $"{k.CarbonSavingsPercent:0.0}%",
            $"{k.Estimate.CostUsd * 1e6:0.###}", $"{k.Home.CostUsd * 1e6:0.###}",
            $"{k.Estimate.RuntimeMeanSeconds:0.###}/{k.Estimate.RuntimeP95Seconds:0.###}",
            $"{k.Home.RuntimeMeanSeconds:0.###}/{k.Home.RuntimeP95Seconds:0.###}",
            k.AlgorithmRun + (k.ProvenOptimal ? " (optimal)" : ""),
            $"{k.Evaluations}", $"{k.Samples}", $"{k.Elapsed.TotalMilliseconds:0.#}",
        ]).ToList();
        text.Append(Table(
            ["UTC", "gCO2e", "home gCO2e", "saved", "µUSD", "home µUSD", "s mean/p95", "home s mean/p95", "algorithm", "evals", "samples", "ms"],
            figureRows));

        var reasons = plan.TimeKeys.Where(k => k.Reason is not null).GroupBy(k => k.Reason!).ToList();
        if (reasons.Count > 0 || plan.Notes.Count > 0)
        {
            text.AppendLine();
        }
        foreach (var reason in reasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{string.Join(", ", reason.Select(Hours))}: {reason.Key}");
        }
        foreach (var note in plan.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        return text.ToString();
    }

    private static string Hours(TimeKeyPlan key) => $"{key.StartHour:00}-{(key.StartHour + key.Hours) % 24:00}";

    private static string Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in rows)
        {
            Line(row);
        }
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;
using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>A plan as terminal text that leads with the answer: one sentence, where each function runs when (hours
/// with the same placement merged), then carbon, cost and 95th-percentile run time against home, per invocation and
/// per month. The figures of each time key and the solver's own counts are shown only when asked for (verbose).</summary>
public static class PlanTable
{
    /// <param name="plan">The plan.</param>
    /// <param name="rate">Invocations per hour of the day the monthly figures use, and where they come from.</param>
    /// <param name="carbon">Which carbon the plan was made with (for example the window of the bundled data), or null.</param>
    /// <param name="verbose">Add the figures of every time key and how the solver found them.</param>
    public static string Render(Plan plan, InvocationRate rate, string? carbon, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var summary = PlanSummary.Of(plan, rate);
        var home = plan.Regions[plan.TimeKeys[0].HomeRegion];
        var text = new StringBuilder();
        text.AppendLine(Headline(plan, summary, home));
        if (carbon is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Carbon: {carbon}.");
        }
        text.AppendLine();

        text.AppendLine("Where each function runs (UTC hours):");
        text.Append(Table(["UTC", .. plan.Instances], [.. summary.Spans.Select(s => (IReadOnlyList<string>)[s.Label, .. s.Regions])]));
        foreach (var span in summary.Spans.Where(s => s.Reason is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{span.Label}: {span.Reason}");
        }
        text.AppendLine();

        text.AppendLine(CultureInfo.InvariantCulture,
            $"Estimates, against every function in {home} (per invocation: mean over the day; p95 run time: the worst time key):");
        var month = summary.Rate.PerMonth;
        text.Append(Table(["", "plan", "home", "change"],
        [
            ["carbon per invocation", Grams(summary.Plan.CarbonGrams), Grams(summary.Home.CarbonGrams), Percent(-summary.CarbonSavedPercent)],
            ["cost per invocation", Usd(summary.Plan.CostUsd), Usd(summary.Home.CostUsd), Percent(summary.CostChangePercent)],
            ["p95 run time", Seconds(summary.Plan.RuntimeP95Seconds), Seconds(summary.Home.RuntimeP95Seconds),
                Percent(summary.RuntimeP95ChangePercent)],
            ["carbon per month", Grams(summary.Plan.CarbonGrams * month), Grams(summary.Home.CarbonGrams * month), ""],
            ["cost per month", Usd(summary.Plan.CostUsd * month), Usd(summary.Home.CostUsd * month), ""],
        ]));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Per month: {PlanSummary.DaysPerMonth} days at {Count(month / PlanSummary.DaysPerMonth / 24)} invocations per hour on average " +
                $"({summary.Rate.Source}).");

        if (verbose)
        {
            text.AppendLine();
            text.Append(Details(plan));
        }
        // The problem's first note says where its carbon came from; the header says it better when the caller knows.
        var notes = plan.Notes.Where(n => carbon is null || !n.StartsWith("carbon:", StringComparison.Ordinal)).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
        }
        foreach (var note in notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        return text.ToString();
    }

    private static string Headline(Plan plan, PlanSummary summary, string home)
    {
        var everywhere = summary.Spans.SelectMany(s => s.Regions).Distinct(StringComparer.Ordinal).ToList();
        var where = everywhere.Count == 1 && everywhere[0] == home ? $"every function stays in {home}"
            : everywhere.Count == 1 ? $"every function moves from {home} to {everywhere[0]}"
            : $"functions run in {string.Join(", ", everywhere)} (home {home})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{plan.Workflow}: {where}; carbon {Percent(-summary.CarbonSavedPercent)}, cost {Percent(summary.CostChangePercent)}, " +
            $"p95 run time {Percent(summary.RuntimeP95ChangePercent)} against home.");
    }

    // Every time key's figures and how the search found them: for tuning the planner, not for deciding.
    private static string Details(Plan plan)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Time keys: {plan.TimeKeys.Count}, algorithm {plan.Requested}, seed {plan.Seed}, planned in {plan.Elapsed.TotalMilliseconds:0} ms:");
        var rows = plan.TimeKeys.Select(k => (IReadOnlyList<string>)
        [
            $"{k.StartHour:00}-{k.StartHour + k.Hours:00}",
            Grams(k.Estimate.CarbonGrams), Grams(k.Home.CarbonGrams), Percent(-k.CarbonSavingsPercent),
            Usd(k.Estimate.CostUsd), Usd(k.Home.CostUsd),
            $"{Seconds(k.Estimate.RuntimeMeanSeconds)} / {Seconds(k.Estimate.RuntimeP95Seconds)}",
            $"{Seconds(k.Home.RuntimeMeanSeconds)} / {Seconds(k.Home.RuntimeP95Seconds)}",
            k.AlgorithmRun + (k.ProvenOptimal ? " (optimal)" : ""),
            Count(k.PlacementsEvaluated), Count(k.Evaluations), Count(k.Samples), $"{k.Elapsed.TotalMilliseconds:0.#}",
        ]).ToList();
        text.Append(Table(
            ["UTC", "carbon", "home", "change", "cost", "home", "run time mean / p95", "home mean / p95", "algorithm", "placements", "MC evals",
                "samples", "ms"],
            rows));
        foreach (var key in plan.TimeKeys.Where(k => k.Reason is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{key.StartHour:00}-{key.StartHour + key.Hours:00}: {key.Reason}");
        }
        return text.ToString();
    }

    /// <summary>Grams with three significant digits, switching to kilograms from 1 kg.</summary>
    internal static string Grams(double grams) =>
        grams >= 1000 ? Significant(grams / 1000, "kg") : Significant(grams, "g");

    /// <summary>US dollars: cents for a dollar or more, three significant digits below.</summary>
    internal static string Usd(double usd) =>
        usd >= 1 ? string.Create(CultureInfo.InvariantCulture, $"${usd:#,0.00}") : "$" + Significant(usd, "").TrimEnd();

    private static string Seconds(double seconds) => Significant(seconds, "s");

    private static string Percent(double change) =>
        Math.Abs(change) < 0.05 ? "±0.0 %" : string.Create(CultureInfo.InvariantCulture, $"{(change > 0 ? "+" : "−")}{Math.Abs(change):0.0} %");

    private static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Significant(double value, string unit)
    {
        var digits = value == 0 || !double.IsFinite(value) ? 0 : Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        var number = Math.Round(value, Math.Min(digits, 15)).ToString("#,0." + new string('#', Math.Min(digits, 15)), CultureInfo.InvariantCulture);
        return unit.Length == 0 ? number : $"{number} {unit}";
    }

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

using System.Globalization;
using System.Text;
using Tern.Reports;

namespace Tern.Backtest;

/// <summary>The self-contained HTML report: the summary table, four plots as inline SVG, the daily table and the
/// notes (shifted years, interpolated gaps, dropped regions). No script, no external resource.</summary>
public static class BacktestReport
{
    public static string Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = HtmlReport.Begin($"Tern backtest: {result.Workflow}");
        html.Append(CultureInfo.InvariantCulture, $"<h1>What {E(result.Workflow)} would have saved</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"headline\"><strong>{E(BacktestSummary.Headline(result))}</strong></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(BacktestSummary.Header(result))}</p>\n");
        html.Append("<p>Every invocation is charged at the actual intensity of the hour it ran in; plans were made only from data before each " +
            "re-plan instant (the oracle excepted).</p>\n");
        Summary(html, result);
        HtmlReport.Figures(html,
        [
            ("plot-intensity", BacktestPlots.Intensity(result)),
            ("plot-placement", BacktestPlots.Placement(result)),
            ("plot-cumulative", BacktestPlots.Cumulative(result)),
            ("plot-savings-by-hour", BacktestPlots.SavingsByHour(result)),
        ]);
        HoursPerRegion(html, result);
        Daily(html, result);
        HtmlReport.List(html, "Notes", "notes", result.Notes);
        html.Append("<p>Contains data from Electricity Maps (https://www.electricitymaps.com), licensed under the Open Database License " +
            "(ODbL) v1.0.</p>\n");
        return HtmlReport.End(html);
    }

    private static void Summary(StringBuilder html, BacktestResult result)
    {
        html.Append("<h2>Summary</h2>\n<table id=\"summary\"><tr><th>strategy</th><th>kgCO2e</th><th>carbon saved</th><th>USD</th><th>cost vs " +
            "home</th><th>worst hourly p95 run time, s</th><th>hours away from home</th></tr>\n");
        foreach (var s in result.Strategies)
        {
            html.Append(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{E(s.Name)}</td><td>{s.TotalCarbonGrams / 1000:0.000}</td><td>{result.CarbonSavedPercent(s):0.0} " +
                    $"%</td><td>{s.TotalCostUsd:0.0000}</td>" +
                $"<td>{-result.CostSavedPercent(s):+0.0;-0.0;0.0} " +
                    $"%</td><td>{s.RuntimeP95Seconds.Max():0.000}</td><td>{s.Placement.Count(p => p.Any(r => r != 0))}</td></tr>\n"));
        }
        html.Append("</table>\n");
    }

    // Where each function ran, in hours per region, under the re-planned strategy.
    private static void HoursPerRegion(StringBuilder html, BacktestResult result)
    {
        var strategy = result.Of(StrategyKind.Forecast);
        html.Append(CultureInfo.InvariantCulture, $"<h2>Hours each function ran in each region ({E(strategy.Name)})</h2>\n<table " +
            $"id=\"hours-per-region\"><tr><th>function</th>");
        foreach (var region in result.Regions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(region)}</th>");
        }
        html.Append("</tr>\n");
        for (var i = 0; i < result.Instances.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(result.Instances[i])}</td>");
            for (var r = 0; r < result.Regions.Count; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{strategy.Placement.Count(p => p[i] == r)}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Daily(StringBuilder html, BacktestResult result)
    {
        html.Append("<h2>Carbon saved against home, per day</h2>\n<table id=\"daily\"><tr><th>day</th>");
        var others = result.Strategies.Where(s => s.Kind != StrategyKind.Home).ToList();
        foreach (var s in others)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(s.Name)}</th>");
        }
        html.Append("</tr>\n");
        foreach (var day in Enumerable.Range(0, result.Hours).GroupBy(h => result.HourAt(h).Date))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{ActualCarbon.Day(day.Key)}</td>");
            var home = day.Sum(h => result.Home.CarbonGrams[h]);
            foreach (var s in others)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{BacktestResult.Saved(home, day.Sum(h => s.CarbonGrams[h])):0.0} %</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string E(string text) => HtmlReport.Escape(text);
}

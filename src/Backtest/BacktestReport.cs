using System.Globalization;
using System.Net;
using System.Text;

namespace Tern.Backtest;

/// <summary>The self-contained HTML report: the summary table, four plots as inline SVG, the daily table and the
/// notes (shifted years, interpolated gaps, dropped regions). No script, no external resource.</summary>
public static class BacktestReport
{
    public static string Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Tern backtest: {E(result.Workflow)}</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}" +
            "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1.5em " +
                "0}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>What {E(result.Workflow)} would have saved</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"headline\"><strong>{E(BacktestSummary.Headline(result))}</strong></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(BacktestSummary.Header(result))}</p>\n");
        html.Append("<p>Every invocation is charged at the actual intensity of the hour it ran in; plans were made only from data before each " +
            "re-plan instant (the oracle excepted).</p>\n");
        Summary(html, result);
        foreach (var (id, svg) in new[]
        {
            ("plot-intensity", BacktestPlots.Intensity(result)),
            ("plot-placement", BacktestPlots.Placement(result)),
            ("plot-cumulative", BacktestPlots.Cumulative(result)),
            ("plot-savings-by-hour", BacktestPlots.SavingsByHour(result)),
        })
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{id}\">{svg}</figure>\n");
        }
        HoursPerRegion(html, result);
        Daily(html, result);
        html.Append("<h2>Notes</h2>\n<ul id=\"notes\">");
        foreach (var note in result.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(note)}</li>");
        }
        html.Append("</ul>\n<p>Contains data from Electricity Maps (https://www.electricitymaps.com), licensed under the Open Database License " +
            "(ODbL) v1.0.</p>\n</body></html>\n");
        return html.ToString();
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

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Text;
using Tern.Reports;

namespace Tern.Footprint.Output;

/// <summary>The self-contained HTML report, in the backtest report's look: the headline, the method, three plots as
/// inline SVG, the jobs table, the unknown jobs with their reasons, and the notes. No script, no external resource.</summary>
public static class FootprintReport
{
    /// <summary>Rows of the jobs table; every job is in jobs.csv.</summary>
    public const int JobRows = 200;

    public static string Render(FootprintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = HtmlReport.Begin("Tern footprint: realised emissions of jobs");
        html.Append("<h1>What the jobs emitted</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"headline\"><strong>{E(FootprintSummary.Headline(result))}</strong></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Power: {E(result.Power)}. Intensity: {E(result.Intensity)}.</p>\n");
        html.Append("<p>Each node's measured power is integrated with the trapezoid rule inside each 30-minute settlement period of the UTC " +
            "day (a pair of samples across a boundary is split there by linear interpolation), the nodes of a job are added up, and each " +
            "period's energy is charged at that period's grid intensity. A job without power data is unknown, not zero; a partial one " +
            "counts only what was measured.</p>\n");
        HtmlReport.Figures(html,
        [
            ("plot-per-period", FootprintPlots.PerPeriod(result)),
            ("plot-intensity", FootprintPlots.IntensityCharged(result)),
            ("plot-top-jobs", FootprintPlots.TopJobs(result)),
        ]);
        Jobs(html, result);
        HtmlReport.List(html, "Unknown jobs", "unknown", result.Unknown.Select(job => $"{job.Job.Id}: {job.Reason}"));
        HtmlReport.List(html, "Notes", "notes", FootprintSummary.Notes(result));
        return HtmlReport.End(html);
    }

    private static void Jobs(StringBuilder html, FootprintResult result)
    {
        var shown = result.Jobs.OrderByDescending(j => j.Grams).Take(JobRows).ToList();
        var more = result.Jobs.Count > shown.Count ? $" (the {shown.Count} that emitted most; every job is in jobs.csv)" : "";
        html.Append(CultureInfo.InvariantCulture, $"<h2>Jobs{E(more)}</h2>\n<table id=\"jobs\"><tr><th>job</th><th>status</th><th>start (UTC)" +
            $"</th><th>end (UTC)</th><th>nodes</th><th>kWh</th><th>kgCO2e</th><th>coverage</th></tr>\n");
        foreach (var job in shown)
        {
            var known = job.Status != JobStatus.Unknown;
            var start = job.Job.Allocations.Count == 0 ? "" : Time(job.Job.Start);
            var end = job.Job.Allocations.Count == 0 ? "" : Time(job.Job.End);
            html.Append(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{E(job.Job.Id)}</td><td>{FootprintCsv.Status(job.Status)}</td><td>{start}</td><td>{end}</td>" +
                $"<td>{job.Job.Nodes.Count}</td><td>{(known ? (job.EnergyWh / 1000).ToString("0.000", CultureInfo.InvariantCulture) : "")}</td>" +
                $"<td>{(known ? (job.Grams / 1000).ToString("0.000", CultureInfo.InvariantCulture) : "")}</td><td>{job.Coverage:P1}</td></tr>\n"));
        }
        html.Append("</table>\n");
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlReport.Escape(text);
}

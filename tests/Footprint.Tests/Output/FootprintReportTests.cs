using Tern.Footprint.Jobs;
using Tern.Footprint.Output;
using Tern.Footprint.Power;
using static Tern.Footprint.Tests.FootprintSupport;

namespace Tern.Footprint.Tests.Output;

public class FootprintReportTests
{
    private sealed class FixedPower : IPowerReader
    {
        public string Description => "fixed";

        public Task<NodePower> ReadAsync(string node, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            Task.FromResult(new NodePower(node, node == "dark" ? [] : [new PowerSegment(from, to, 1000, 1000)], []));
    }

    private static FootprintResult Result() => new FootprintCalculator(new FixedPower()).CalculateAsync(
    [
        Job("11", At(10, 0), At(11, 0), "n1"),
        Job("12", At(10, 45), At(11, 15), "dark"),
        Job("13", At(11, 30), At(12, 30), "n1"),
        new BatchJob("14", [], [], "sacct.txt:9: End is before Start"),
    ], Hourly(At(10, 0), 200, null), CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Periods_csv_has_a_row_per_job_and_period_and_leaves_unknowns_empty()
    {
        var lines = FootprintCsv.Periods(Result()).TrimEnd().Split('\n');
        Assert.Equal(FootprintCsv.PeriodsHeader, lines[0]);
        Assert.Equal("11,complete,2023-06-01T10:00Z,21,500,200,100,1,", lines[1]);
        Assert.Equal("11,complete,2023-06-01T10:30Z,22,500,200,100,1,", lines[2]);
        Assert.StartsWith("12,unknown,,,,,,0,no power samples for dark", lines[3], StringComparison.Ordinal);
        // 11:00-12:00 had a gap in the intensity: energy known, emissions not.
        Assert.Equal("13,partial,2023-06-01T11:30Z,24,500,,,1,no intensity for this period", lines[4]);
        Assert.Equal("14,unknown,,,,,,0,sacct.txt:9: End is before Start", lines[6]);
    }

    [Fact]
    public void Jobs_csv_and_summary_list_unknowns_without_a_figure()
    {
        var result = Result();
        var jobs = FootprintCsv.Jobs(result).TrimEnd().Split('\n');
        Assert.Equal("12,unknown,2023-06-01T10:45:00Z,2023-06-01T11:15:00Z,dark,,,0,no power samples for dark between " +
            "2023-06-01T10:45:00Z and 2023-06-01T11:15:00Z", jobs[2]);
        var summary = FootprintSummary.Render(result);
        Assert.StartsWith("4 job(s): 2.000 kWh measured, 0.200 kgCO2e (1 complete, 1 partial, 2 unknown).", summary, StringComparison.Ordinal);
        Assert.Contains("Unknown jobs (no figure; not counted as zero):\n  12: no power samples for dark", summary.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("Test reported a gap for zone GB at 2023-06-01T11:30Z", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_holds_its_plots_and_tables_and_nothing_external()
    {
        var html = FootprintReport.Render(Result());
        foreach (var id in new[] { "plot-per-period", "plot-intensity", "plot-top-jobs" })
        {
            Assert.Matches($"<figure id=\"{id}\"><svg[^>]*>", html);
        }
        Assert.Contains("<table id=\"jobs\">", html, StringComparison.Ordinal);
        Assert.Contains("<li>12: no power samples for dark", html, StringComparison.Ordinal);
        Assert.Matches(@">\s*2023-06-01 1[0-2]:[0-9]{2}\s*</text>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

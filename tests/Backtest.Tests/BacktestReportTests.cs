using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;
using Tern.Backtest;
using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class BacktestReportTests
{
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static BacktestResult Small() =>
        Run(BacktestRunnerTests.Example("text-2-speech-censoring"), Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 2,
            forecast: "trailing-mean:2d", timeKeys: 24) with
        {
            Regions = ["us-west-1", "us-west-2", "ca-central-1"],
        });

    [Fact]
    public void The_report_holds_its_four_plots_and_its_tables()
    {
        var html = BacktestReport.Render(Small());
        foreach (var id in new[] { "plot-intensity", "plot-placement", "plot-cumulative", "plot-savings-by-hour" })
        {
            Assert.Matches($"<figure id=\"{id}\"><svg[^>]*>", html);
        }
        Assert.Contains("<table id=\"summary\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"daily\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"hours-per-region\">", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"headline\">", html, StringComparison.Ordinal);
        Assert.Contains("hourly oracle", html, StringComparison.Ordinal);
        Assert.Contains("best single region", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_files_have_a_row_per_day_strategy_and_region()
    {
        var result = Small();
        var days = BacktestCsv.Days(result).TrimEnd().Split('\n');
        var regions = BacktestCsv.Regions(result).TrimEnd().Split('\n');
        Assert.Equal(1 + 2 * 4, days.Length);
        Assert.Equal(1 + 2 * 4 * 4, regions.Length);
        Assert.StartsWith("2023-06-10,trailing-mean:2d,", days[1], StringComparison.Ordinal);
        Assert.Contains(regions, r => r.Contains(",us-east-1,", StringComparison.Ordinal) && r.Contains("get-input:24h", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_renders_in_headless_chromium_as_a_reader_sees_it()
    {
        var result = Small();
        var directory = Directory.CreateTempSubdirectory("tern-report-").FullName;
        var page = Path.Combine(directory, "report.html");
        File.WriteAllText(page, BacktestReport.Render(result));

        // The DOM after Chromium parsed and laid out the page: what a reader's browser holds.
        var (dom, domLog) = await Chromium(directory, "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Matches(@"<p id=""headline""><strong>Re-planned daily on trailing-mean:2d, " +
            @"text-2-speech-censoring would have saved [0-9.]+ % of its carbon " +
            @"\([0-9.]+ kg\) against running at home in us-east-1, [0-9.]+ points short of the hourly oracle \([0-9.]+ %\)", dom);
        var hours = Regex.Match(dom, @"<table id=""hours-per-region"">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(hours, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => Regex.Matches(m.Groups[1].Value,
            "<t[dh]>(.*?)</t[dh]>")
            .Select(c => c.Groups[1].Value).ToList()).ToList();
        Assert.Equal(["function", .. result.Regions], rows[0]);
        Assert.Equal(result.Instances, rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(result.Hours, r.Skip(1).Sum(int.Parse)));
        foreach (var id in new[] { "plot-intensity", "plot-placement", "plot-cumulative", "plot-savings-by-hour" })
        {
            Assert.Matches($"<figure id=\"{id}\"><svg [^>]*width=\"1000\"", dom);
        }
        var intensity = Regex.Match(dom, @"<figure id=""plot-intensity"">.*?</figure>", RegexOptions.Singleline).Value;
        Assert.All(result.Regions, r => Assert.Matches($@">\s*{r}\s*</text>", intensity));
        Assert.Matches(@">\s*2023-06-11\s*</text>", intensity);
        Assert.DoesNotMatch(@">[0-9]{2}/[0-9]{2}/[0-9]{4}", dom);
        Assert.DoesNotContain("CONSOLE", domLog, StringComparison.Ordinal);

        var screenshot = Path.Combine(directory, "report.png");
        var (_, log) = await Chromium(directory, $"--screenshot={screenshot}", "--window-size=1100,3000", new Uri(page).AbsoluteUri);
        // The page has no script, so any console message (CONSOLE lines in Chromium's log) is an error of the page.
        Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        Assert.True(File.Exists(screenshot), log);
        using var bitmap = SKBitmap.Decode(screenshot);
        var coloured = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - p.Green) > 40 || Math.Abs(p.Green - p.Blue) > 40)
                {
                    coloured++;
                }
            }
        }
        // Plot lines and bars are in colour; a blank or text-only page has (almost) none.
        Assert.True(coloured > 200, $"only {coloured} coloured sample pixels in the screenshot");
    }

    // Runs headless Chromium on loopback-only flags and returns its stdout and its log (stderr).
    private static async Task<(string Output, string Log)> Chromium(string directory, params string[] arguments)
    {
        var chromium = ChromiumPaths.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "Chromium is missing: ./test.sh installs Debian's chromium package (apt-get install -y chromium).");
        var start = new ProcessStartInfo(chromium!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(directory, "profile")}", "--enable-logging=stderr",
            "--v=0" }
            .Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (await output, await log);
    }
}

using System.Diagnostics;
using SkiaSharp;
using Tern.Backtest;
using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class BacktestReportTests
{
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static BacktestResult Small() =>
        Run(BacktestRunnerTests.Example("text-2-speech-censoring"), Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 2, forecast: "trailing-mean:2d", timeKeys: 24) with
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
    public async Task The_report_renders_in_headless_chromium_without_console_errors()
    {
        var chromium = ChromiumPaths.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "Chromium is missing: ./test.sh installs Debian's chromium package (apt-get install -y chromium).");
        var directory = Directory.CreateTempSubdirectory("tern-report-").FullName;
        var page = Path.Combine(directory, "report.html");
        File.WriteAllText(page, BacktestReport.Render(Small()));
        var screenshot = Path.Combine(directory, "shot.png");
        var start = new ProcessStartInfo(chromium!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(directory, "profile")}", $"--screenshot={screenshot}",
            "--window-size=1100,2400", "--enable-logging=stderr", "--v=0", new Uri(page).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var log = await stderr;

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
}

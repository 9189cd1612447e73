using System.Globalization;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern footprint jobs` on the sample sacct file of examples/ against a real VictoriaMetrics and the bundled
/// intensity, and each bad command line with its message and exit code.</summary>
public class FootprintCommandTests(LoopbackVictoriaMetrics store) : IClassFixture<LoopbackVictoriaMetrics>
{
    private const string Template = "last_over_time(node_power_watts{node=\"{{node}}\"}[30s])";
    private static readonly string Sacct = RepoPaths.Of("examples", "sacct-june-2023.txt");

    private static (int Exit, string Output, string Error) Cli(params string[] args) => Tern.Run(["footprint", "jobs", .. args]);

    private string[] Arguments(string output) =>
    [
        "--sacct", Sacct, "--power-url", store.BaseUri.AbsoluteUri, "--power-query", Template, "--carbon", "bundled", "--region", "eu-west-2",
        "--timezone", "Europe/London", "--output-dir", output,
    ];

    [Fact]
    public async Task The_sample_jobs_are_charged_per_period_at_the_bundled_intensity_and_the_node_without_data_is_unknown()
    {
        // Every node of the sample draws a constant power all day, except node08, which has no samples.
        var watts = new Dictionary<string, double>
        {
            ["node01"] = 350, ["node02"] = 350, ["node03"] = 350, ["node04"] = 350, ["node07"] = 350, ["node05"] = 300, ["node06"] = 300,
            ["gpu1-ib"] = 600, ["gpu2-ib"] = 600, ["gpu3-ib"] = 600,
        };
        var from = new DateTimeOffset(2023, 6, 14, 7, 0, 0, TimeSpan.Zero);
        var samples = watts.SelectMany(n => Enumerable.Range(0, 18 * 120 + 1)
            .Select(i => ($"node_power_watts{{node=\"{n.Key}\"}}", n.Value, from.AddSeconds(30 * i))));
        await store.ImportAsync(samples);
        var output = Directory.CreateTempSubdirectory("tern-footprint-").FullName;
        try
        {
            var (exit, stdout, error) = Cli(Arguments(output));
            Assert.True(exit == ExitCodes.Success, error);
            Assert.StartsWith("4 job(s): ", stdout, StringComparison.Ordinal);
            Assert.Contains("(3 complete, 0 partial, 1 unknown)", stdout, StringComparison.Ordinal);
            Assert.Contains("  4104: no power samples for node08 between 2023-06-14T11:00:00Z and 2023-06-14T11:20:00Z", stdout,
                StringComparison.Ordinal);
            Assert.Contains("job 4105 has not started", stdout, StringComparison.Ordinal);

            // Job 4101 ran 09:12:04-11:47:40 BST (08:12:04Z-10:47:40Z) on 5 nodes at 350 W; its grams are worked out here from
            // the bundled GB file, hour by hour.
            var start = new DateTimeOffset(2023, 6, 14, 8, 12, 4, TimeSpan.Zero);
            var end = new DateTimeOffset(2023, 6, 14, 10, 47, 40, TimeSpan.Zero);
            var intensity = File.ReadLines(RepoPaths.Of("data", "carbon", "GB.csv")).Skip(1).Select(l => l.Split(','))
                .ToDictionary(f => DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture), f => double.Parse(f[2], CultureInfo.InvariantCulture));
            var grams = 0.0;
            for (var hour = new DateTimeOffset(2023, 6, 14, 8, 0, 0, TimeSpan.Zero); hour < end; hour = hour.AddHours(1))
            {
                var seconds = ((hour.AddHours(1) < end ? hour.AddHours(1) : end) - (hour > start ? hour : start)).TotalSeconds;
                grams += 5 * 350 * seconds / 3600 / 1000 * intensity[hour];
            }
            var jobs = File.ReadAllLines(Path.Combine(output, "jobs.csv"));
            var row = jobs.Single(l => l.StartsWith("4101,", StringComparison.Ordinal)).Split(',');
            Assert.Equal("complete", row[1]);
            Assert.Equal("2023-06-14T08:12:04Z", row[2]);
            Assert.Equal(5 * 350 * (end - start).TotalSeconds / 3600, double.Parse(row[5], CultureInfo.InvariantCulture), 2);
            Assert.Equal(grams, double.Parse(row[6], CultureInfo.InvariantCulture), 2);
            Assert.Contains("4104,unknown,2023-06-14T11:00:00Z,2023-06-14T11:20:00Z,node08,,,0,no power samples", jobs[4], StringComparison.Ordinal);
            // The array job's two tasks ran on three GPU nodes; the nightly job crosses midnight into period 1 of the 15th.
            var periods = File.ReadAllLines(Path.Combine(output, "periods.csv"));
            Assert.Contains(periods, l => l.StartsWith("4103,complete,2023-06-15T00:00Z,1,", StringComparison.Ordinal));
            Assert.Contains("<figure id=\"plot-per-period\">", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void A_template_without_the_node_placeholder_is_a_usage_error()
    {
        var (exit, _, error) = Cli("--sacct", Sacct, "--power-url", "http://127.0.0.1:1", "--power-query", "node_power_watts", "--zone", "GB");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("tern footprint jobs: --power-query 'node_power_watts' has no {{node}}; put {{node}} where the node's name goes", error,
            StringComparison.Ordinal);
        Assert.EndsWith("Run 'tern footprint jobs --help' for usage.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_a_usage_error_with_a_suggestion()
    {
        var (exit, _, error) = Cli("--sacct", Sacct, "--power-url", "http://127.0.0.1:1", "--power-query", Template, "--zone", "GB",
            "--timezone", "Europe/Londn");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--timezone 'Europe/Londn' is not an IANA time zone", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Europe/London'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_power_store_is_an_input_error_naming_the_url()
    {
        var port = global::Tern.Tests.Support.Aws.Tools.FreePort();
        var (exit, _, error) = Cli("--sacct", Sacct, "--power-url", $"http://127.0.0.1:{port}", "--power-query", Template, "--zone", "GB",
            "--timezone", "Europe/London", "--output-dir", Path.Combine(Path.GetTempPath(), "tern-footprint-unreached"));
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith($"tern footprint jobs: cannot reach the power store at http://127.0.0.1:{port}/", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_sacct_line_is_an_input_error_naming_file_and_line()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "JobID|Start|End|NodeList\n12|2023-06-01T10:00:00|2023-06-01T11:00:00|node[1-\n");
            var (exit, _, error) = Cli("--sacct", file, "--power-url", "http://127.0.0.1:1", "--power-query", Template, "--zone", "GB");
            Assert.Equal(ExitCodes.Failed, exit);
            Assert.Equal($"tern footprint jobs: {file}:2: NodeList 'node[1-' has a '[' without its ']'.\n", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--kube-jobs", "batch", "--zone", "GB", "give the jobs with exactly one of --sacct FILE")]
    [InlineData("--region", "eu-west-2", "--zone", "GB", "give the grid with exactly one of --region")]
    [InlineData("--zone", "GB", "--power-url", "localhost:8428", "--power-url 'localhost:8428' is not an http or https URL")]
    public void Conflicting_or_malformed_options_are_usage_errors(string a, string b, string c, string d, string message)
    {
        string[] power = a == "--zone" ? ["--power-query", Template] : ["--power-url", "http://127.0.0.1:1", "--power-query", Template];
        var (exit, _, error) = Cli(["--sacct", Sacct, .. power, a, b, c, d]);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Power_must_come_from_a_query_or_kepler()
    {
        var (exit, _, error) = Cli("--sacct", Sacct, "--power-url", "http://127.0.0.1:1", "--zone", "GB");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--power-query 'TEMPLATE' with {{node}} (watts), or --kepler", error, StringComparison.Ordinal);
    }
}

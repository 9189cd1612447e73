using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tern.Carbon.History;
using Tern.Carbon.Http;
using Tern.Entities.CarbonSources;
using Tern.Footprint;
using Tern.Footprint.Integration;
using Tern.Footprint.Output;
using Tern.Footprint.Power;
using Tern.Footprint.Slurm;

namespace Tern.Operator.Cli;

/// <summary>`tern bench footprint`: times `tern footprint jobs`'s own work on a generated month of Slurm accounting
/// (10 000 jobs by default, 1-4 of 64 nodes each, 5 minutes to 6 hours, steps and array tasks, London local times):
/// reading sacct, integrating a sample every 30 s of every node, charging each period at the bundled GB intensity, and
/// writing the CSV files and the report. Power comes from an in-process generator, so the figure is Tern's, not a
/// store's.</summary>
internal static class FootprintBenchmarkCommand
{
    public static Command Command()
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs to generate.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("footprint", "Benchmark tern footprint jobs on generated Slurm accounting (default 10 000 jobs).") { jobs };
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var count = result.GetValue(jobs);
            if (count < 1)
            {
                throw new UsageException($"--jobs {count}: give at least one job.");
            }
            var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
            var text = Sacct(count, seed: 1);
            var stopwatch = Stopwatch.StartNew();
            var file = SacctReader.Read(text, "generated", london, DateTimeOffset.UtcNow);
            var read = stopwatch.Elapsed.TotalSeconds;
            using var http = ProviderHttpClient.Create();
            var bundled = new CarbonSource
            {
                Metadata = new() { Name = "bundled" }, Spec = new CarbonSourceSpec { Provider = CarbonProvider.Static },
            };
            var history = await new IntensityHistoryReader(http, TimeProvider.System).ReadAsync(bundled, new NoSecrets(), null, "GB",
                new DateTimeOffset(2023, 5, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 7, 2, 0, 0, 0, TimeSpan.Zero), ct)
                .ConfigureAwait(false);
            var power = new GeneratedPower();
            stopwatch.Restart();
            var footprint = await new FootprintCalculator(power).CalculateAsync(file.Jobs, new PeriodIntensity(history), ct).ConfigureAwait(false);
            var charged = stopwatch.Elapsed.TotalSeconds;
            var directory = Directory.CreateTempSubdirectory("tern-bench-footprint-").FullName;
            stopwatch.Restart();
            FootprintCsv.Write(footprint, directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), FootprintReport.Render(footprint), ct).ConfigureAwait(false);
            var written = stopwatch.Elapsed.TotalSeconds;
            Directory.Delete(directory, recursive: true);
            var nodeHours = file.Jobs.Sum(j => j.Allocations.Sum(a => a.Nodes.Count * (a.End - a.Start).TotalHours));
            output.WriteLine("jobs    allocations  node-hours  samples    read sacct  integrate+charge  CSV+report  total s  peak MB");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.Jobs.Count,-7} {file.Jobs.Sum(j => j.Allocations.Count),11}  {nodeHours,10:0}  {power.Samples,-9}  {read,10:0.00}  " +
                $"{charged,16:0.00}  {written,10:0.00}  {read + charged + written,7:0.00}  " +
                $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,7:0}"));
            output.WriteLine(FootprintSummary.Headline(footprint));
            return Cli.ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A month of sacct --parsable2 output, in London local time; every fourth job is a two-task array.</summary>
    internal static string Sacct(int jobs, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("JobID|JobName|Start|End|NodeList|State\n");
        var month = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < jobs; i++)
        {
            var id = 100_000 + i;
            var tasks = i % 4 == 0 ? 2 : 1;
            for (var task = 1; task <= tasks; task++)
            {
                var start = month.AddSeconds(random.Next(0, 29 * 24 * 3600));
                var end = start.AddSeconds(random.Next(300, 6 * 3600));
                var first = random.Next(1, 61);
                var nodes = random.Next(1, 5);
                var list = nodes == 1 ? $"c{first:000}" : $"c[{first:000}-{first + nodes - 1:000}]";
                var name = tasks == 1 ? $"{id}" : $"{id}_{task}";
                text.Append(CultureInfo.InvariantCulture, $"{name}|sim|{start:yyyy-MM-dd'T'HH:mm:ss}|{end:yyyy-MM-dd'T'HH:mm:ss}|{list}|COMPLETED\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}.batch|batch|{start:yyyy-MM-dd'T'HH:mm:ss}|{end:yyyy-MM-dd'T'HH:mm:ss}|" +
                    $"{list.Split('[')[0]}{first:000}|COMPLETED\n");
            }
        }
        return text.ToString();
    }

    /// <summary>A sample every 30 s of a power that varies with the node and the time, as a store would return it.</summary>
    private sealed class GeneratedPower : IPowerReader
    {
        private long _samples;

        public long Samples => Interlocked.Read(ref _samples);

        public string Description => "generated watts, a sample every 30 s";

        public Task<NodePower> ReadAsync(string node, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
        {
            var phase = node.Sum(c => c) % 100;
            var samples = new List<(DateTimeOffset, double)>();
            for (var t = QueryRangeClient.Floor(from); t <= QueryRangeClient.Ceiling(to); t += QueryRangeClient.Step)
            {
                samples.Add((t, 250 + 100 * Math.Sin((t.ToUnixTimeSeconds() / 30 + phase) / 20.0)));
            }
            Interlocked.Add(ref _samples, samples.Count);
            return Task.FromResult(new NodePower(node, WattsReader.Join(samples, TimeSpan.FromMinutes(5)), []));
        }
    }

    private sealed class NoSecrets : Carbon.ISecretReader
    {
        public Task<string?> ReadAsync(string name, string key, CancellationToken ct) => Task.FromResult<string?>(null);
    }
}

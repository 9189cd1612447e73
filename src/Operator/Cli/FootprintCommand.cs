using System.CommandLine;
using Tern.Carbon;
using Tern.Carbon.History;
using Tern.Carbon.Http;
using Tern.Entities.CarbonSources;
using Tern.Entities.Validation;
using Tern.Footprint;
using Tern.Footprint.Integration;
using Tern.Footprint.Jobs;
using Tern.Footprint.Output;
using Tern.Footprint.Power;
using Tern.Footprint.Slurm;

namespace Tern.Operator.Cli;

/// <summary>`tern footprint jobs`: what batch jobs actually emitted, from the scheduler's accounting (Slurm's sacct, or
/// Kubernetes Jobs), each node's measured power in a Prometheus-compatible store, and the grid intensity of each
/// 30-minute settlement period from a CarbonSource.</summary>
internal static class FootprintCommand
{
    public static readonly IReadOnlyList<ExitCodeMeaning> ExitCodes =
    [
        new(Cli.ExitCodes.Success, "computed; the summary is printed and the files written (unknown jobs are listed, not an error)"),
        new(Cli.ExitCodes.Failed, "an input cannot be used: a malformed sacct line, a power store that cannot be reached or refuses the query, " +
            "a CarbonSource without data for the zone, an API server that refuses the listing"),
        new(Cli.ExitCodes.Usage, "usage: a missing or conflicting option, an unknown time zone, a query template without {{node}}, a path " +
            "that does not exist"),
    ];

    public static Command Create()
    {
        var sacct = new Option<string?>("--sacct") { Description = "Output of sacct --parsable2 --format=JobID,Start,End,NodeList (more columns " +
            "may follow)." };
        var kubeJobs = new Option<string?>("--kube-jobs") { Description = "Instead of --sacct: the Kubernetes Jobs of this namespace, their pods' " +
            "nodes and times, through the kubeconfig." };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Kubeconfig for --kube-jobs (default: $KUBECONFIG, else ~/.kube/config).",
        };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context for --kube-jobs (default: the current one)." };
        var powerUrl = new Option<string>("--power-url") { Description = "Base URL of Prometheus or VictoriaMetrics (the part before /api/v1), for " +
            "example http://127.0.0.1:8428.", Required = true };
        var powerQuery = new Option<string?>("--power-query") { Description = "PromQL giving a node's power in watts, with {{node}} for the node, " +
            "for example 'ipmi_dcmi_power_consumption_watts{instance=\"{{node}}\"}'; with --kepler, a joule counter instead." };
        var kepler = new Option<bool>("--kepler") { Description = "Read Kepler's joule counters (increase per interval, resets handled); the " +
            $"default counter is {PowerQueryTemplate.KeplerDefault}." };
        var carbon = new Option<string>("--carbon") { Description = "A CarbonSource manifest, or 'bundled' for the bundled data (offline, hourly).",
            DefaultValueFactory = _ => "bundled" };
        var region = new Option<string?>("--region") { Description = "AWS region whose grid the nodes draw from (its zone, after zoneOverrides)." };
        var zone = new Option<string?>("--zone") { Description = "Instead of --region: the grid zone, for example GB or DE." };
        var timezone = new Option<string>("--timezone") { Description = "IANA time zone of sacct's local times, for example Europe/London.",
            DefaultValueFactory = _ => "UTC" };
        var maxGap = new Option<string>("--max-gap") { Description = "Longest interval between two power samples that is interpolated; longer is " +
            "a gap, reported as partial coverage.", DefaultValueFactory = _ => "5m" };
        var output = new Option<string>("--output-dir") { Description = "Directory for periods.csv, jobs.csv and report.html.",
            DefaultValueFactory = _ => "tern-footprint" };
        var allowEndpoints = CarbonEndpointOption.Create();
        var jobs = new Command("jobs", "Realised energy and gCO2e of batch jobs from measured power, per 30-minute settlement period.")
        {
            sacct, kubeJobs, kubeconfig, context, powerUrl, powerQuery, kepler, carbon, region, zone, timezone, maxGap, output, allowEndpoints,
        };
        jobs.SetAction(async (result, ct) =>
        {
            var config = result.InvocationConfiguration;
            var options = FootprintOptions.Read(result.GetValue(sacct), result.GetValue(kubeJobs), result.GetValue(powerUrl)!,
                result.GetValue(powerQuery), result.GetValue(kepler), result.GetValue(region), result.GetValue(zone), result.GetValue(timezone)!,
                result.GetValue(maxGap)!);
            if (!CarbonEndpointOption.TryParse(result, allowEndpoints, out var endpoints, out var endpointError))
            {
                throw new UsageException(endpointError);
            }
            var source = CarbonSourceOf(result.GetValue(carbon)!);
            var now = TimeProvider.System.GetUtcNow();
            try
            {
                var (batch, notes) = options.Sacct is { } file
                    ? ReadSacct(file, options.TimeZone, now)
                    : (await KubernetesJobSource.ReadAsync(options.KubeNamespace!, result.GetValue(kubeconfig), result.GetValue(context), now, ct)
                        .ConfigureAwait(false), []);
                using var http = ProviderHttpClient.Create();
                var intensity = await IntensityAsync(http, source, options, endpoints, batch, now, ct).ConfigureAwait(false);
                using var powerHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                var client = new QueryRangeClient(powerHttp, options.PowerUrl);
                IPowerReader reader = options.Kepler
                    ? new CounterReader(client, options.Template) { MaxGap = options.MaxGap }
                    : new WattsReader(client, options.Template) { MaxGap = options.MaxGap };
                var footprint = await new FootprintCalculator(reader).CalculateAsync(batch, intensity, ct).ConfigureAwait(false);
                footprint = footprint with { Notes = [.. notes, .. footprint.Notes] };
                await config.Output.WriteAsync(FootprintSummary.Render(footprint)).ConfigureAwait(false);
                var directory = result.GetValue(output)!;
                var files = FootprintCsv.Write(footprint, directory).ToList();
                var report = Path.Combine(directory, "report.html");
                await File.WriteAllTextAsync(report, FootprintReport.Render(footprint), ct).ConfigureAwait(false);
                files.Add(report);
                await config.Output.WriteLineAsync($"wrote {string.Join(", ", files)}").ConfigureAwait(false);
                return Cli.ExitCodes.Success;
            }
            catch (FootprintInputException e)
            {
                throw new InputException(e.Message, e);
            }
        });
        return new Command("footprint", "Realised carbon footprint of what actually ran.") { jobs };
    }

    private static (IReadOnlyList<BatchJob>, IReadOnlyList<string>) ReadSacct(string file, TimeZoneInfo zone, DateTimeOffset now)
    {
        var read = SacctReader.Read(File.ReadAllText(file), file, zone, now);
        if (read.Jobs.Count == 0)
        {
            throw new InputException($"--sacct {file}: no job that started; {string.Join("; ", read.Notes.Take(3))}".TrimEnd(' ', ';'));
        }
        return (read.Jobs, read.Notes);
    }

    private static CarbonSource CarbonSourceOf(string carbon)
    {
        if (carbon.Equals("bundled", StringComparison.OrdinalIgnoreCase))
        {
            return new CarbonSource { Metadata = new() { Name = "bundled" }, Spec = new CarbonSourceSpec { Provider = CarbonProvider.Static } };
        }
        ManifestFiles.RequireFile(carbon, "--carbon", "a CarbonSource manifest, or 'bundled'");
        return ManifestFiles.Read<CarbonSource>(carbon, "a CarbonSource manifest")[0];
    }

    private static async Task<PeriodIntensity> IntensityAsync(HttpClient http, CarbonSource source, FootprintOptions options,
        EndpointPolicy endpoints, IReadOnlyList<BatchJob> jobs, DateTimeOffset now, CancellationToken ct)
    {
        var timed = jobs.Where(j => j.Allocations.Count > 0).ToList();
        var from = timed.Count == 0 ? now : timed.Min(j => j.Start);
        var to = timed.Count == 0 ? now : timed.Max(j => j.End);
        var start = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero);
        var reader = new IntensityHistoryReader(http, TimeProvider.System, new CarbonRefresherOptions { Endpoints = endpoints });
        try
        {
            var history = await reader.ReadAsync(source, new EnvironmentSecrets(), options.Region, options.Zone, start, to.AddHours(1), ct)
                .ConfigureAwait(false);
            return new PeriodIntensity(history);
        }
        catch (IntensityHistoryException e)
        {
            throw new InputException($"--carbon: {e.Message}", e);
        }
    }

    /// <summary>Secrets a CarbonSource names, from TERN_SECRET_&lt;NAME&gt;_&lt;KEY&gt; as for `tern carbon show`.</summary>
    private sealed class EnvironmentSecrets : ISecretReader
    {
        public Task<string?> ReadAsync(string name, string key, CancellationToken ct) =>
            Task.FromResult(Environment.GetEnvironmentVariable("TERN_SECRET_" +
                new string([.. $"{name}_{key}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_')])));
    }
}

using System.Globalization;
using System.Text;

namespace Tern.Footprint.Output;

/// <summary>The CSV files: <c>periods.csv</c>, a row per job and settlement period (an unknown job has one row with its
/// reason and no figures), and <c>jobs.csv</c>, a row per job. Empty cells mean "not known", never zero.</summary>
public static class FootprintCsv
{
    public const string PeriodsHeader = "job,status,period_start_utc,period,energy_wh,intensity_g_per_kwh,emissions_g,coverage,note";
    public const string JobsHeader = "job,status,start_utc,end_utc,nodes,energy_wh,emissions_g,coverage,reason";

    /// <summary>Writes both files into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(FootprintResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var periods = Path.Combine(directory, "periods.csv");
        var jobs = Path.Combine(directory, "jobs.csv");
        File.WriteAllText(periods, Periods(result));
        File.WriteAllText(jobs, Jobs(result));
        return [periods, jobs];
    }

    public static string Periods(FootprintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(PeriodsHeader).Append('\n');
        foreach (var job in result.Jobs)
        {
            var status = Status(job.Status);
            if (job.Periods.Count == 0)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Cell(job.Job.Id)},{status},,,,,,0,{Cell(job.Reason ?? "")}\n");
                continue;
            }
            foreach (var p in job.Periods)
            {
                var note = p.GramsPerKwh is null ? "no intensity for this period" : p.Coverage < 1 - 1e-9 ? "partial power coverage" : "";
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Cell(job.Job.Id)},{status},{p.Period},{p.Period.Number},{Number(p.EnergyWh)},{Number(p.GramsPerKwh)},{Number(p.Grams)}," +
                    $"{p.Coverage:0.####},{note}\n");
            }
        }
        return csv.ToString();
    }

    public static string Jobs(FootprintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder(JobsHeader).Append('\n');
        foreach (var job in result.Jobs)
        {
            var known = job.Status != JobStatus.Unknown;
            var times = job.Job.Allocations.Count == 0 ? "," : $"{Time(job.Job.Start)},{Time(job.Job.End)}";
            csv.Append(CultureInfo.InvariantCulture,
                $"{Cell(job.Job.Id)},{Status(job.Status)},{times},{Cell(string.Join(' ', job.Job.Nodes))}," +
                $"{(known ? Number(job.EnergyWh) : "")},{(known ? Number(job.Grams) : "")},{job.Coverage:0.####},{Cell(job.Reason ?? "")}\n");
        }
        return csv.ToString();
    }

    internal static string Status(JobStatus status) => status.ToString().ToLowerInvariant();

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled.
    private static string Cell(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}

using System.Globalization;
using System.Text;

namespace Tern.Footprint.Output;

/// <summary>The text summary printed on stdout: a headline with the totals, the top jobs by emissions, every unknown
/// job with its reason, the partial ones, and the notes.</summary>
public static class FootprintSummary
{
    /// <summary>Jobs listed by emissions in the summary and the report.</summary>
    public const int TopJobs = 10;

    /// <summary>Notes printed before "and N more" (all of them are in the report).</summary>
    private const int NotesShown = 20;

    public static string Headline(FootprintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var complete = result.Jobs.Count(j => j.Status == JobStatus.Complete);
        var partial = result.Jobs.Count(j => j.Status == JobStatus.Partial);
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Jobs.Count} job(s): {result.TotalWh / 1000:0.000} kWh measured, {result.TotalGrams / 1000:0.000} kgCO2e " +
            $"({complete} complete, {partial} partial, {result.Unknown.Count} unknown).");
    }

    public static string Render(FootprintResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(Headline(result));
        text.AppendLine(CultureInfo.InvariantCulture, $"Power: {result.Power}. Intensity: {result.Intensity}, per 30-minute settlement period.");
        var top = Top(result);
        if (top.Count > 0)
        {
            text.AppendLine().AppendLine("Top jobs by emissions:");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"job",-20} {"status",-8} {"kWh",10} {"kgCO2e",10} {"coverage",9}");
            foreach (var job in top)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {job.Job.Id,-20} {FootprintCsv.Status(job.Status),-8} {job.EnergyWh / 1000,10:0.000} {job.Grams / 1000,10:0.000} " +
                    $"{job.Coverage,9:P1}");
            }
        }
        Section(text, "Unknown jobs (no figure; not counted as zero):", result.Unknown.Select(j => $"{j.Job.Id}: {j.Reason}").ToList());
        Section(text, "Partial jobs (figures count only what was measured):",
            result.Jobs.Where(j => j.Status == JobStatus.Partial).Select(j => $"{j.Job.Id}: {j.Reason}").ToList());
        var notes = Notes(result);
        var shown = notes.Take(NotesShown).ToList();
        if (notes.Count > NotesShown)
        {
            shown.Add($"and {notes.Count - NotesShown} more (all of them are in the report)");
        }
        Section(text, "Notes:", shown);
        return text.ToString();
    }

    internal static List<JobFootprint> Top(FootprintResult result) =>
        [.. result.Jobs.Where(j => j.Status != JobStatus.Unknown).OrderByDescending(j => j.Grams).ThenBy(j => j.Job.Id, StringComparer.Ordinal)
            .Take(TopJobs)];

    internal static List<string> Notes(FootprintResult result) =>
        [.. result.Notes, .. result.Jobs.SelectMany(j => j.Notes.Select(n => $"{j.Job.Id}: {n}"))];

    private static void Section(StringBuilder text, string title, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        text.AppendLine().AppendLine(title);
        foreach (var line in lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Tern.Footprint.Jobs;

namespace Tern.Footprint.Slurm;

/// <summary>Reads the output of <c>sacct --parsable2 --format=JobID,Start,End,NodeList</c> (more columns may come, in
/// any order; the header names them). Job steps (<c>123.batch</c>, <c>123.0</c>) fold into their allocation; array
/// tasks (<c>123_4</c>) and heterogeneous components (<c>123+1</c>) are allocations of job 123. Times are local to
/// <c>zone</c> unless they carry an offset; an end of Unknown or None is a running job, ended at <c>now</c>. A job
/// that never started (Start Unknown) is left out with a note.</summary>
public static partial class SacctReader
{
    private static readonly string[] Required = ["JobID", "Start", "End", "NodeList"];
    private static readonly string[] NoTime = ["Unknown", "None", ""];
    private static readonly string[] NoNodes = ["None assigned", "(null)", "None", ""];
    private const string Remedy = "write it with sacct --parsable2 --format=JobID,Start,End,NodeList";

    /// <summary>The jobs of <paramref name="text"/>, in order of first appearance, and notes about lines left out.</summary>
    /// <param name="source">The file name, for messages.</param>
    /// <exception cref="FootprintInputException">A line that cannot be read, named by file and line.</exception>
    public static SacctFile Read(string text, string source, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0)
        {
            throw new FootprintInputException($"{source} is empty; {Remedy}.");
        }
        var header = lines[headerIndex].Trim().Split('|');
        var columns = Required.ToDictionary(c => c, c => Array.FindIndex(header, h => h.Trim().Equals(c, StringComparison.OrdinalIgnoreCase)));
        if (columns.Where(c => c.Value < 0).Select(c => c.Key).ToList() is { Count: > 0 } missing)
        {
            throw new FootprintInputException($"{source}:{headerIndex + 1}: the header '{lines[headerIndex].Trim()}' has no " +
                $"{string.Join(", ", missing)} column; {Remedy} (the first line must be sacct's header: leave out --noheader).");
        }
        var allocations = new Dictionary<string, Allocation>(StringComparer.Ordinal);
        var jobs = new Dictionary<string, List<Allocation>>(StringComparer.Ordinal);
        var notes = new List<string>();
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            var where = $"{source}:{i + 1}";
            var fields = lines[i].TrimEnd('\r').Split('|');
            if (fields.Length != header.Length)
            {
                throw new FootprintInputException($"{where}: {fields.Length} fields separated by '|' where the header has {header.Length}; " +
                    $"{Remedy} (--parsable2 puts no '|' at the end of a line).");
            }
            var id = fields[columns["JobID"]].Trim();
            var match = JobId().Match(id);
            if (!match.Success)
            {
                throw new FootprintInputException($"{where}: JobID '{id}' is not a Slurm job ID such as 123, 123.batch, 123_4 or 123+1.");
            }
            var job = match.Groups["job"].Value;
            var allocationId = job + match.Groups["task"].Value;
            var isStep = match.Groups["step"].Success;
            var startText = fields[columns["Start"]].Trim();
            if (NoTime.Contains(startText, StringComparer.OrdinalIgnoreCase) || match.Groups["task"].Value.Contains('[', StringComparison.Ordinal))
            {
                if (!isStep)
                {
                    notes.Add($"{where}: job {id} has not started (Start {startText}); left out");
                }
                continue;
            }
            var start = Time(startText, zone, where, "Start", null, out var startNote);
            var endText = fields[columns["End"]].Trim();
            var running = NoTime.Contains(endText, StringComparer.OrdinalIgnoreCase);
            string? endNote = null;
            var end = running ? now : Time(endText, zone, where, "End", start, out endNote);
            var nodesText = fields[columns["NodeList"]].Trim();
            IReadOnlyList<string> nodes;
            try
            {
                nodes = NoNodes.Contains(nodesText, StringComparer.OrdinalIgnoreCase) ? [] : NodeListExpander.Expand(nodesText);
            }
            catch (FormatException e)
            {
                throw new FootprintInputException($"{where}: NodeList {e.Message}", e);
            }
            if (!allocations.TryGetValue(allocationId, out var allocation))
            {
                allocation = new Allocation(allocationId);
                allocations[allocationId] = allocation;
                if (!jobs.TryGetValue(job, out var ofJob))
                {
                    jobs[job] = ofJob = [];
                }
                ofJob.Add(allocation);
            }
            var line = new Line(where, start, end, nodes, running, new[] { startNote, endNote }.OfType<string>().ToList());
            if (isStep)
            {
                allocation.Steps.Add(line);
            }
            else if (allocation.Own is not null)
            {
                throw new FootprintInputException($"{where}: JobID {id} appears twice (first on {allocation.Own.Where}); give sacct's output once.");
            }
            else
            {
                allocation.Own = line;
            }
        }
        // A dictionary enumerates in insertion order while nothing is removed: jobs come out as they first appeared.
        return new SacctFile([.. jobs.Select(j => Build(j.Key, j.Value, now))], notes);
    }

    private static BatchJob Build(string job, List<Allocation> allocations, DateTimeOffset now)
    {
        var built = new List<JobAllocation>();
        var notes = new List<string>();
        string? problem = null;
        foreach (var allocation in allocations)
        {
            // The allocation's own line covers its steps; steps stand in only when it is missing (a filtered sacct).
            var lines = allocation.Own is { } own ? [own] : allocation.Steps;
            var start = lines.Min(l => l.Start);
            var end = lines.Max(l => l.End);
            var nodes = lines.SelectMany(l => l.Nodes).Distinct(StringComparer.Ordinal).ToList();
            var running = lines.Any(l => l.Running);
            notes.AddRange(lines.SelectMany(l => l.Notes.Select(n => $"{l.Where}: {n}")));
            if (running)
            {
                notes.Add($"{allocation.Id} is still running; counted until {LocalTimes.Utc(now)}");
            }
            var bad = lines.FirstOrDefault(l => l.End < l.Start);
            if (bad is not null)
            {
                problem ??= $"{bad.Where}: End {LocalTimes.Utc(bad.End)} is before Start {LocalTimes.Utc(bad.Start)}";
                continue;
            }
            if (nodes.Count == 0)
            {
                problem ??= $"{lines[0].Where}: {allocation.Id} has no node in its NodeList";
                continue;
            }
            built.Add(new JobAllocation(allocation.Id, start, end, nodes, running));
        }
        return new BatchJob(job, built, notes, problem);
    }

    private static DateTimeOffset Time(string text, TimeZoneInfo zone, string where, string column, DateTimeOffset? start, out string? note)
    {
        note = null;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact.ToUniversalTime();
        }
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new FootprintInputException($"{where}: {column} '{text}' is not a time such as 2023-06-01T13:45:00 (sacct's default " +
                "format; SLURM_TIME_FORMAT must be unset or standard).");
        }
        return start is { } after ? LocalTimes.End(local, zone, after, out note) : LocalTimes.Start(local, zone, out note);
    }

    // 123, 123.batch, 123.0, 123.extern, 123_4, 123_4.batch, 123_[1-5] (pending tasks), 123+1 (a heterogeneous component).
    [GeneratedRegex(@"^(?<job>[0-9]+)(?<task>[_+]([0-9]+|\[[0-9,\-%]+\]))?(\.(?<step>[A-Za-z0-9+\-]+))?$")]
    private static partial Regex JobId();

    private sealed record Line(string Where, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Nodes, bool Running,
        IReadOnlyList<string> Notes);

    private sealed class Allocation(string id)
    {
        public string Id { get; } = id;

        public Line? Own { get; set; }

        public List<Line> Steps { get; } = [];
    }
}

/// <summary>What a sacct file holds: its jobs, and notes on lines left out (jobs that never started).</summary>
public sealed record SacctFile(IReadOnlyList<BatchJob> Jobs, IReadOnlyList<string> Notes);

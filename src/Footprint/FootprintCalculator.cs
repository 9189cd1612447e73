using System.Globalization;
using Tern.Footprint.Integration;
using Tern.Footprint.Jobs;
using Tern.Footprint.Power;

namespace Tern.Footprint;

/// <summary>Computes what jobs emitted: each node's measured power over each allocation, integrated per settlement
/// period, the nodes of an allocation and the allocations of a job added up, and each period's energy charged at that
/// period's intensity. A job without a single power sample is unknown, with the reason; one with some is partial, with
/// its coverage, and its figures count only what was measured.</summary>
public sealed class FootprintCalculator(IPowerReader power)
{
    /// <summary>Queries sent to the store at the same time.</summary>
    public int MaxConcurrentReads { get; init; } = 4;

    /// <summary>Jobs whose footprint is at least this fraction of full coverage count as complete (rounding of sample times).</summary>
    private const double Whole = 1 - 1e-9;

    public async Task<FootprintResult> CalculateAsync(IReadOnlyList<BatchJob> jobs, PeriodIntensity intensity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(intensity);
        using var slots = new SemaphoreSlim(MaxConcurrentReads);
        var reads = jobs.Select(job => job.Problem is null
            ? Task.WhenAll(job.Allocations.SelectMany(a => a.Nodes.Select(node => ReadAsync(a, node, slots, ct))))
            : Task.FromResult(Array.Empty<NodeRead>())).ToList();
        var footprints = new List<JobFootprint>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            footprints.Add(Charge(jobs[i], await reads[i].ConfigureAwait(false), intensity));
        }
        return new FootprintResult(footprints, power.Description, $"{intensity.History.Provider}, zone {intensity.History.Zone}",
            [.. intensity.History.Notes]);
    }

    private async Task<NodeRead> ReadAsync(JobAllocation allocation, string node, SemaphoreSlim slots, CancellationToken ct)
    {
        await slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var measured = await power.ReadAsync(node, allocation.Start, allocation.End, ct).ConfigureAwait(false);
            return new NodeRead(node, measured.Notes, EnergyIntegrator.Integrate(measured.Segments, allocation.Start, allocation.End));
        }
        finally
        {
            slots.Release();
        }
    }

    private static JobFootprint Charge(BatchJob job, NodeRead[] reads, PeriodIntensity intensity)
    {
        var notes = job.Notes.Concat(reads.SelectMany(r => r.Notes)).ToList();
        if (job.Problem is { } problem)
        {
            return new JobFootprint(job, JobStatus.Unknown, [], 0, problem, notes);
        }
        var covered = reads.Sum(r => r.Periods.Sum(p => p.CoveredSeconds));
        var expected = reads.Sum(r => r.Periods.Sum(p => p.ExpectedSeconds));
        if (expected <= 0)
        {
            return new JobFootprint(job, JobStatus.Unknown, [], 0, "the job ended as it started: there is no time to measure", notes);
        }
        if (covered <= 0)
        {
            var nodes = string.Join(", ", job.Nodes);
            return new JobFootprint(job, JobStatus.Unknown, [], 0,
                $"no power samples for {nodes} between {Utc(job.Start)} and {Utc(job.End)}", notes);
        }
        var missingIntensity = new List<string>();
        var periods = reads.SelectMany(r => r.Periods).GroupBy(p => p.Period).OrderBy(g => g.Key.Start).Select(g =>
        {
            var wh = g.Sum(p => p.Joules) / 3600;
            var coverage = g.Sum(p => p.CoveredSeconds) / g.Sum(p => p.ExpectedSeconds);
            var grams = intensity.At(g.Key, out var missing);
            if (missing is not null && wh > 0)
            {
                missingIntensity.Add(missing);
            }
            return new PeriodFootprint(g.Key, wh, coverage, grams, grams is { } perKwh ? wh / 1000 * perKwh : null);
        }).ToList();
        var fraction = covered / expected;
        var reasons = new List<string>();
        if (fraction < Whole)
        {
            var bare = reads.Where(r => r.Periods.Sum(p => p.CoveredSeconds) <= 0).Select(r => r.Node).Distinct().ToList();
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"power samples cover {fraction:P1} of the job's node time") +
                (bare.Count > 0 ? $" (none for {string.Join(", ", bare)})" : ""));
        }
        reasons.AddRange(missingIntensity);
        return new JobFootprint(job, reasons.Count == 0 ? JobStatus.Complete : JobStatus.Partial, periods, fraction,
            reasons.Count == 0 ? null : string.Join("; ", reasons), notes);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record NodeRead(string Node, IReadOnlyList<string> Notes, IReadOnlyList<PeriodEnergy> Periods);
}

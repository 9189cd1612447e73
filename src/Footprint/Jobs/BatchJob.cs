namespace Tern.Footprint.Jobs;

/// <summary>A job as the scheduler accounted it: one allocation, or several for an array job (one per task), each with
/// its own interval and nodes. Job steps are already folded into their allocation.</summary>
/// <param name="Id">The job's identifier, for example 4242 (Slurm) or batch/render (Kubernetes namespace/name).</param>
/// <param name="Notes">What the reader assumed for this job (a running job's end, an ambiguous local time).</param>
/// <param name="Problem">Why nothing can be computed for the job (for example an end before its start), or null.</param>
public sealed record BatchJob(string Id, IReadOnlyList<JobAllocation> Allocations, IReadOnlyList<string> Notes, string? Problem = null)
{
    /// <summary>The job's first start, UTC.</summary>
    public DateTimeOffset Start => Allocations.Count == 0 ? default : Allocations.Min(a => a.Start);

    /// <summary>The job's last end, UTC.</summary>
    public DateTimeOffset End => Allocations.Count == 0 ? default : Allocations.Max(a => a.End);

    /// <summary>Every node any allocation ran on, in order of first use.</summary>
    public IReadOnlyList<string> Nodes => [.. Allocations.SelectMany(a => a.Nodes).Distinct(StringComparer.Ordinal)];

    /// <summary>True while some allocation has not ended (its end is the time the footprint was computed).</summary>
    public bool Running => Allocations.Any(a => a.Running);
}

/// <summary>One allocation: the nodes a job (or an array task) held from <paramref name="Start"/> to
/// <paramref name="End"/> (UTC). Tern attributes each node's whole measured power to the allocation, which is right for
/// exclusive nodes and over-counts nodes shared with other jobs.</summary>
/// <param name="Running">True when the scheduler had no end yet; <paramref name="End"/> is then the time of the run.</param>
public sealed record JobAllocation(string Id, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Nodes, bool Running);

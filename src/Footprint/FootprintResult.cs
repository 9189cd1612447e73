using Tern.Footprint.Integration;
using Tern.Footprint.Jobs;

namespace Tern.Footprint;

/// <summary>The realised footprint of a set of jobs.</summary>
/// <param name="Power">How power was read (the query template and store).</param>
/// <param name="Intensity">Where the intensity came from: provider and zone.</param>
/// <param name="Notes">What was assumed or left out, for every job.</param>
public sealed record FootprintResult(IReadOnlyList<JobFootprint> Jobs, string Power, string Intensity, IReadOnlyList<string> Notes)
{
    public double TotalWh => Jobs.Sum(j => j.EnergyWh);

    /// <summary>gCO2e of the jobs and periods with both power and intensity.</summary>
    public double TotalGrams => Jobs.Sum(j => j.Grams);

    public IReadOnlyList<JobFootprint> Unknown => [.. Jobs.Where(j => j.Status == JobStatus.Unknown)];
}

/// <summary>Whether a job's footprint is whole, partial or unknown.</summary>
public enum JobStatus
{
    /// <summary>Power samples covered the whole job and every period had an intensity.</summary>
    Complete,

    /// <summary>Some of the job's node time had no power samples, or some period no intensity: the figures are lower bounds.</summary>
    Partial,

    /// <summary>No power sample at all, or a job whose interval cannot be used: no figure, and never zero.</summary>
    Unknown,
}

/// <summary>One job's footprint.</summary>
/// <param name="Coverage">Node time with power samples over the job's node time, 0 to 1.</param>
/// <param name="Reason">Why the job is unknown or partial; null when complete.</param>
public sealed record JobFootprint(BatchJob Job, JobStatus Status, IReadOnlyList<PeriodFootprint> Periods, double Coverage, string? Reason,
    IReadOnlyList<string> Notes)
{
    public double EnergyWh => Periods.Sum(p => p.EnergyWh);

    public double Grams => Periods.Sum(p => p.Grams ?? 0);
}

/// <summary>One job's energy and emissions in one settlement period, all its nodes together.</summary>
/// <param name="Coverage">Node time with power samples over the job's node time in the period, 0 to 1.</param>
/// <param name="GramsPerKwh">The intensity charged, or null when the source had none for the period.</param>
/// <param name="Grams">gCO2e, or null when there is no intensity.</param>
public sealed record PeriodFootprint(SettlementPeriod Period, double EnergyWh, double Coverage, double? GramsPerKwh, double? Grams);

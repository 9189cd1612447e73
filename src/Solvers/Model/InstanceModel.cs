namespace Tern.Solvers.Model;

/// <summary>One instance of the unrolled workflow DAG: a function called from one place (a function called
/// from two places is two instances; a join is one). Distributions are per region, by region index.</summary>
public sealed record InstanceModel
{
    /// <summary>Unique name of the instance.</summary>
    public required string Name { get; init; }

    /// <summary>Name of the function the instance runs (several instances may run one function).</summary>
    public required string Function { get; init; }

    /// <summary>Configured memory, MB.</summary>
    public required int MemoryMb { get; init; }

    /// <summary>vCPUs the function gets; null means memory / 1769 MB as Lambda allocates.</summary>
    public double? Vcpu { get; init; }

    /// <summary>Instruction set, which selects the price.</summary>
    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86;

    /// <summary>Indices of the regions the instance may run in.</summary>
    public required IReadOnlyList<int> AllowedRegions { get; init; }

    /// <summary>True for a fan-in that runs once, after every invoked predecessor has called it.</summary>
    public bool IsJoin { get; init; }

    /// <summary>Measured run times in seconds per region index; null where nothing was measured. A region
    /// without data uses the home region's samples scaled by relative performance.</summary>
    public required IReadOnlyList<IReadOnlyList<double>?> RuntimeSeconds { get; init; }

    /// <summary>Mean CPU utilisation (0 to 1) per region index; null where unknown.</summary>
    public IReadOnlyList<double?>? CpuUtilization { get; init; }

    /// <summary>CPU utilisation when no region has a measurement, 0 to 1.</summary>
    public double? DefaultCpuUtilization { get; init; }

    /// <summary>Data the function moves during a run that is not a call payload (downloads), GB, one sample per run,
    /// per region index; null where unknown (the home region's samples are used). When a region's list is as long as
    /// its <see cref="RuntimeSeconds"/>, sample k belongs to run k, and a simulated run draws both together.</summary>
    public IReadOnlyList<IReadOnlyList<double>?>? UntrackedTransferGb { get; init; }
}

namespace Tern.Solvers.Model;

/// <summary>The physical and pricing constants of the placement model, each with its unit. The defaults
/// are Caribou's published model (its common/constants.py) so that estimates can be compared with it.</summary>
public sealed record ModelConstants
{
    /// <summary>Caribou's constants.</summary>
    public static ModelConstants Caribou { get; } = new();

    /// <summary>Grid intensity used where none is known (US average 2023), gCO2e/kWh.</summary>
    public double DefaultGramsPerKwh { get; init; } = 410;

    /// <summary>Memory power, kW per GB of configured memory.</summary>
    public double MemoryKwPerGb { get; init; } = 3.725e-4;

    /// <summary>vCPU power at idle, kW per vCPU.</summary>
    public double MinCpuKwPerVcpu { get; init; } = 7.4e-4;

    /// <summary>vCPU power at full load, kW per vCPU.</summary>
    public double MaxCpuKwPerVcpu { get; init; } = 3.5e-3;

    /// <summary>Power usage effectiveness of a data centre when a region states none.</summary>
    public double DefaultPue { get; init; } = 1.11;

    /// <summary>Energy to move one GB across the network, kWh/GB.</summary>
    public double TransmissionKwhPerGb { get; init; } = 0.001;

    /// <summary>Lambda memory per vCPU, MB (Lambda gives one vCPU per 1769 MB).</summary>
    public double MemoryMbPerVcpu { get; init; } = 1769;

    /// <summary>CPU utilisation assumed when nothing was measured, 0 to 1.</summary>
    public double DefaultCpuUtilization { get; init; } = 0.5;

    /// <summary>Percentile used for tail (hard-constraint) figures.</summary>
    public double TailPercentile { get; init; } = 95;
}

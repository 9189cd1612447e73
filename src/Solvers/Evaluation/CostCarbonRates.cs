using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>The rates that turn run time and payload into cost and carbon for one time key (Caribou's cost_calculator.py,
/// Caribou's carbon_calculator.py): per instance and region, per second of execution and per run; per region pair, per GB moved, and per
/// region, per message delivered. Both the exact expectation and the Monte Carlo samples use these same rates.</summary>
internal sealed class CostCarbonRates
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;
    private const double MessageChunkBytes = 64 * 1024;

    public CostCarbonRates(PlanningProblem problem, IReadOnlyList<ResolvedInstance> resolved, IReadOnlyList<double> gramsPerKwh)
    {
        var regions = problem.Regions.Count;
        var constants = problem.Constants;
        RegionCount = regions;
        var instances = problem.Instances.Count;
        CostPerSecond = new double[instances * regions];
        CostPerRun = new double[instances * regions];
        CarbonPerSecond = new double[instances * regions];
        CarbonPerUntrackedGb = new double[instances * regions];
        for (var i = 0; i < instances; i++)
        {
            var instance = problem.Instances[i];
            var memoryGb = instance.MemoryMb / 1024.0;
            for (var r = 0; r < regions; r++)
            {
                var region = problem.Regions[r];
                var k = i * regions + r;
                CostPerSecond[k] = region.UsdPerGbSecond(instance.Architecture) * memoryGb;
                CostPerRun[k] = region.UsdPerRequest(instance.Architecture);
                var cpuKw = constants.MinCpuKwPerVcpu + resolved[i].CpuUtilization[r] * (constants.MaxCpuKwPerVcpu - constants.MinCpuKwPerVcpu);
                var kwhPerSecond = (cpuKw * resolved[i].Vcpu + constants.MemoryKwPerGb * memoryGb) / 3600;
                CarbonPerSecond[k] = kwhPerSecond * region.Pue * gramsPerKwh[r];
                // Untracked downloads come half from the home region and half from somewhere unknown (Caribou's assumption).
                var untrackedGrams = 0.5 * constants.DefaultGramsPerKwh + 0.5 * Route(problem.HomeRegion, r, gramsPerKwh);
                CarbonPerUntrackedGb[k] = constants.TransmissionKwhPerGb * untrackedGrams;
            }
        }
        CostPerGb = new double[regions * regions];
        CarbonPerGb = new double[regions * regions];
        MessageUsd = [.. problem.Regions.Select(r => r.MessageUsdPer64Kb)];
        for (var a = 0; a < regions; a++)
        {
            for (var b = 0; b < regions; b++)
            {
                CostPerGb[a * regions + b] = problem.TransferUsdPerGb[a][b];
                CarbonPerGb[a * regions + b] = constants.TransmissionKwhPerGb * Route(a, b, gramsPerKwh);
            }
        }
    }

    public int RegionCount { get; }

    /// <summary>USD per second of execution, [instance * R + region].</summary>
    public double[] CostPerSecond { get; }

    /// <summary>USD per run (the request price), [instance * R + region].</summary>
    public double[] CostPerRun { get; }

    /// <summary>gCO2e per second of execution, [instance * R + region].</summary>
    public double[] CarbonPerSecond { get; }

    /// <summary>gCO2e per GB of untracked transfer during a run, [instance * R + region].</summary>
    public double[] CarbonPerUntrackedGb { get; }

    /// <summary>USD per GB of payload, [from * R + to].</summary>
    public double[] CostPerGb { get; }

    /// <summary>gCO2e per GB of payload, [from * R + to].</summary>
    public double[] CarbonPerGb { get; }

    /// <summary>USD per 64 KB message delivered in a region, [to].</summary>
    public double[] MessageUsd { get; }

    /// <summary>Messages are billed per started 64 KB chunk.</summary>
    public static double Messages(double payloadGb) => Math.Max(1, Math.Ceiling(payloadGb * BytesPerGb / MessageChunkBytes));

    // A transfer within a region draws on that grid; between regions, on the mean of both (Caribou's carbon_calculator.py).
    private static double Route(int from, int to, IReadOnlyList<double> gramsPerKwh) =>
        from == to ? gramsPerKwh[to] : (gramsPerKwh[from] + gramsPerKwh[to]) / 2;
}

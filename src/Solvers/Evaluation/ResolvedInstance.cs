using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>An instance's per-region figures with every fallback applied once: run-time samples (sorted),
/// their mean, CPU utilisation and untracked transfer.</summary>
internal sealed class ResolvedInstance
{
    public ResolvedInstance(PlanningProblem problem, InstanceModel instance)
    {
        var regions = problem.Regions.Count;
        var home = problem.HomeRegion;
        var homeSamples = instance.RuntimeSeconds[home] ?? [];
        RuntimeSorted = new double[regions][];
        RuntimeMean = new double[regions];
        CpuUtilization = new double[regions];
        UntrackedGb = new double[regions];
        for (var r = 0; r < regions; r++)
        {
            // Caribou's fallback: the home region's samples, scaled by relative performance.
            var samples = instance.RuntimeSeconds[r] is { Count: > 0 } own
                ? [.. own]
                : homeSamples.Select(s => s * problem.Regions[r].RelativePerformance / problem.Regions[home].RelativePerformance).ToArray();
            Array.Sort(samples);
            RuntimeSorted[r] = samples;
            RuntimeMean[r] = samples.Length == 0 ? 0 : samples.Average();
            CpuUtilization[r] = instance.CpuUtilization?[r] ?? instance.DefaultCpuUtilization ?? problem.Constants.DefaultCpuUtilization;
            UntrackedGb[r] = instance.UntrackedTransferGb?[r] ?? instance.UntrackedTransferGb?[home] ?? 0;
        }
        Vcpu = instance.Vcpu ?? instance.MemoryMb / problem.Constants.MemoryMbPerVcpu;
    }

    public double[][] RuntimeSorted { get; }

    public double[] RuntimeMean { get; }

    public double[] CpuUtilization { get; }

    public double[] UntrackedGb { get; }

    public double Vcpu { get; }
}

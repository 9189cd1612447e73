using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>An instance's per-region figures with every fallback applied once: run-time samples (sorted), the
/// untracked transfer of each run, their means, and CPU utilisation.</summary>
internal sealed class ResolvedInstance
{
    public ResolvedInstance(PlanningProblem problem, InstanceModel instance)
    {
        var regions = problem.Regions.Count;
        var home = problem.HomeRegion;
        var homeSamples = instance.RuntimeSeconds[home] ?? [];
        RuntimeSorted = new double[regions][];
        RuntimeMean = new double[regions];
        UntrackedByRun = new double[regions][];
        UntrackedPaired = new bool[regions];
        UntrackedGb = new double[regions];
        CpuUtilization = new double[regions];
        for (var r = 0; r < regions; r++)
        {
            // Caribou's fallback: the home region's samples, scaled by relative performance.
            var ownRuntime = instance.RuntimeSeconds[r] is { Count: > 0 };
            var runtime = ownRuntime
                ? [.. instance.RuntimeSeconds[r]!]
                : homeSamples.Select(s => s * problem.Regions[r].RelativePerformance / problem.Regions[home].RelativePerformance).ToArray();
            var ownUntracked = instance.UntrackedTransferGb?[r] is not null;
            var untracked = (instance.UntrackedTransferGb?[r] ?? instance.UntrackedTransferGb?[home] ?? []).ToArray();
            // Both lists come from the same runs when they come from the same region and are as long: keep each run's pair.
            UntrackedPaired[r] = ownRuntime == ownUntracked && untracked.Length == runtime.Length && runtime.Length > 0;
            if (UntrackedPaired[r])
            {
                Array.Sort(runtime, untracked);
            }
            else
            {
                Array.Sort(runtime);
                Array.Sort(untracked);
            }
            RuntimeSorted[r] = runtime;
            RuntimeMean[r] = runtime.Length == 0 ? 0 : runtime.Average();
            UntrackedByRun[r] = untracked;
            UntrackedGb[r] = untracked.Length == 0 ? 0 : untracked.Average();
            CpuUtilization[r] = instance.CpuUtilization?[r] ?? instance.DefaultCpuUtilization ?? problem.Constants.DefaultCpuUtilization;
        }
        Vcpu = instance.Vcpu ?? instance.MemoryMb / problem.Constants.MemoryMbPerVcpu;
    }

    public double[][] RuntimeSorted { get; }

    public double[] RuntimeMean { get; }

    /// <summary>Untracked transfer samples, GB: in the order of <see cref="RuntimeSorted"/> where
    /// <see cref="UntrackedPaired"/>, else sorted; empty when none is known.</summary>
    public double[][] UntrackedByRun { get; }

    /// <summary>True where untracked sample k belongs to run-time sample k.</summary>
    public bool[] UntrackedPaired { get; }

    /// <summary>Mean untracked transfer per run, GB.</summary>
    public double[] UntrackedGb { get; }

    public double[] CpuUtilization { get; }

    public double Vcpu { get; }
}

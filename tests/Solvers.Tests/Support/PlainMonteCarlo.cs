using Tern.Solvers.Model;

namespace Tern.Solvers.Tests.Support;

/// <summary>An independent, deliberately plain simulation of the cost and carbon model (Caribou's cost_calculator.py,
/// Caribou's carbon_calculator.py) with its own random source, to check the evaluator's exact expectations against.</summary>
internal static class PlainMonteCarlo
{
    public static (double Mean, double HalfWidth999) Simulate(PlanningProblem problem, int[] placement, int hour, bool carbon, int samples, int seed)
    {
        var random = new Random(seed);
        var c = problem.Constants;
        var values = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var runs = new bool[problem.Instances.Count];
            runs[0] = true;
            var total = carbon ? problem.FixedCarbonGrams : problem.FixedCostUsd;
            foreach (var edge in problem.Edges.OrderBy(e => e.From))
            {
                var happens = runs[edge.From] && random.NextDouble() < edge.Probability;
                if (!happens)
                {
                    continue;
                }
                runs[edge.To] = true;
                var gb = edge.PayloadGb[random.Next(edge.PayloadGb.Count)];
                int a = placement[edge.From], b = placement[edge.To];
                double ci(int r) => problem.Regions[r].HourlyGramsPerKwh[hour];
                var route = a == b ? ci(b) : (ci(a) + ci(b)) / 2;
                total += carbon
                    ? gb * c.TransmissionKwhPerGb * route
                    : gb * (problem.TransferUsdPerGb[a][b] + edge.StorageUsdPerGb)
                        + Math.Max(1, Math.Ceiling(gb * 1024 * 1024 * 1024 / 65536)) * problem.Regions[b].MessageUsdPer64Kb;
            }
            for (var i = 0; i < problem.Instances.Count; i++)
            {
                if (!runs[i])
                {
                    continue;
                }
                var instance = problem.Instances[i];
                var region = problem.Regions[placement[i]];
                var home = problem.Regions[problem.HomeRegion];
                var own = instance.RuntimeSeconds[placement[i]];
                var seconds = own is { Count: > 0 }
                    ? own[random.Next(own.Count)]
                    : instance.RuntimeSeconds[problem.HomeRegion]![random.Next(instance.RuntimeSeconds[problem.HomeRegion]!.Count)]
                        * region.RelativePerformance / home.RelativePerformance;
                var memoryGb = instance.MemoryMb / 1024.0;
                if (carbon)
                {
                    var u = instance.CpuUtilization?[placement[i]] ?? instance.DefaultCpuUtilization ?? c.DefaultCpuUtilization;
                    var vcpu = instance.Vcpu ?? instance.MemoryMb / c.MemoryMbPerVcpu;
                    var kw = (c.MinCpuKwPerVcpu + u * (c.MaxCpuKwPerVcpu - c.MinCpuKwPerVcpu)) * vcpu + c.MemoryKwPerGb * memoryGb;
                    var ci = region.HourlyGramsPerKwh[hour];
                    var homeCi = home.HourlyGramsPerKwh[hour];
                    var route = placement[i] == problem.HomeRegion ? ci : (ci + homeCi) / 2;
                    var untracked = instance.UntrackedTransferGb?[placement[i]] is { } downloads ? downloads[random.Next(downloads.Count)] : 0;
                    total += seconds * kw / 3600 * region.Pue * ci + untracked * c.TransmissionKwhPerGb * (0.5 * c.DefaultGramsPerKwh + 0.5 * route);
                }
                else
                {
                    total += region.X86UsdPerGbSecond * memoryGb * seconds + region.X86UsdPerRequest;
                }
            }
            values[s] = total;
        }
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (samples - 1));
        return (mean, 3.29 * sd / Math.Sqrt(samples));
    }
}

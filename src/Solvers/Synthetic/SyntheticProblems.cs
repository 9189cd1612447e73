using Tern.Solvers.Model;

namespace Tern.Solvers.Synthetic;

/// <summary>Random but reproducible planning problems for tests and benchmarks: a DAG where every instance
/// has one caller except joins, which have two or three; conditional calls; regions with different carbon,
/// prices and speed. The same seed gives the same problem.</summary>
public static class SyntheticProblems
{
    private static readonly int[] MemorySizes = [256, 512, 1024, 1769];

    /// <summary>A problem with <paramref name="instances"/> instances and <paramref name="regions"/> regions; region 0 is home.</summary>
    public static PlanningProblem Create(int seed, int instances, int regions, bool withJoins = true, ConstraintSet? constraints = null)
    {
        var random = new Random(seed);
        var regionModels = Enumerable.Range(0, regions).Select(r => new RegionModel
        {
            Code = $"region-{r}",
            HourlyGramsPerKwh = [.. Enumerable.Range(0, 24).Select(_ => 30 + random.NextDouble() * 600)],
            X86UsdPerGbSecond = 1.66667e-5 * (0.9 + random.NextDouble() * 0.3),
            ArmUsdPerGbSecond = 1.33334e-5,
            X86UsdPerRequest = 2e-7,
            ArmUsdPerRequest = 2e-7,
            RelativePerformance = 0.9 + random.NextDouble() * 0.2,
        }).ToList();

        var edges = new List<EdgeModel>();
        var models = new List<InstanceModel>();
        for (var i = 0; i < instances; i++)
        {
            var isJoin = withJoins && i >= 3 && random.NextDouble() < 0.25;
            if (i > 0)
            {
                var callers = isJoin ? Enumerable.Range(0, i).OrderBy(_ => random.Next()).Take(Math.Min(i,
                    2 + random.Next(2))).Order().ToList() : [random.Next(i)];
                foreach (var caller in callers)
                {
                    edges.Add(new EdgeModel
                    {
                        From = caller,
                        To = i,
                        Probability = random.NextDouble() < 0.4 ? 0.3 + 0.6 * random.NextDouble() : 1,
                        PayloadGb = [.. Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 2e-4)],
                        CallAtFraction = 0.5 + 0.5 * random.NextDouble(),
                    });
                }
            }
            var baseSeconds = 0.05 + random.NextDouble() * 2;
            models.Add(new InstanceModel
            {
                Name = $"f{i}",
                Function = $"f{i}",
                MemoryMb = MemorySizes[random.Next(MemorySizes.Length)],
                AllowedRegions = [.. Enumerable.Range(0, regions).Where(r => r == 0 || random.NextDouble() < 0.85)],
                IsJoin = isJoin,
                RuntimeSeconds = [.. Enumerable.Range(0, regions).Select(r =>
                    r == 0 || random.NextDouble() < 0.3
                        ? (IReadOnlyList<double>)[.. Enumerable.Range(0, 8).Select(_ => baseSeconds * (0.7 + 0.6 * random.NextDouble()))]
                        : null)],
                DefaultCpuUtilization = 0.2 + 0.7 * random.NextDouble(),
                UntrackedTransferGb = [.. Enumerable.Range(0, regions).Select(_ => (IReadOnlyList<double>?)[random.NextDouble() * 1e-3])],
            });
        }
        var distance = new double[regions, regions];
        for (var a = 0; a < regions; a++)
        {
            for (var b = 0; b < regions; b++)
            {
                distance[a, b] = a == b ? 0.002 : 0.01 + random.NextDouble() * 0.12;
            }
        }
        var latency = LatencyTable.PerRegionPair(edges.Count, regions, (a, b) => [.. Enumerable.Range(0, 6).Select(k => 0.05 + distance[a,
            b] * (1 + 0.1 * k))]);
        return new PlanningProblem
        {
            Name = $"generated-{seed}",
            Regions = regionModels,
            HomeRegion = 0,
            Instances = models,
            Edges = edges,
            Latency = latency,
            TransferUsdPerGb = [.. Enumerable.Range(0, regions).Select(a => (IReadOnlyList<double>)[.. Enumerable.Range(0,
                regions).Select(b => a == b ? 0.0 : 0.02)])],
            Constraints = constraints ?? ConstraintSet.None,
            FixedCostUsd = 1e-7,
            FixedCarbonGrams = 1e-4,
        };
    }
}

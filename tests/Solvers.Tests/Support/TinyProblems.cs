using Tern.Solvers.Model;

namespace Tern.Solvers.Tests.Support;

/// <summary>Hand-made problems whose figures can be worked out on paper: flat carbon, PUE 1, no transfer price.</summary>
internal static class TinyProblems
{
    public const double UsdPerGbSecond = 1e-5;
    public const double UsdPerRequest = 1e-7;
    public const double UsdPerMessage = 5e-7;

    public static RegionModel Region(string code, double gramsPerKwh = 100) => new()
    {
        Code = code,
        HourlyGramsPerKwh = [.. Enumerable.Repeat(gramsPerKwh, 24)],
        X86UsdPerGbSecond = UsdPerGbSecond,
        ArmUsdPerGbSecond = UsdPerGbSecond,
        X86UsdPerRequest = UsdPerRequest,
        ArmUsdPerRequest = UsdPerRequest,
        MessageUsdPer64Kb = UsdPerMessage,
        Pue = 1,
    };

    public static InstanceModel Instance(
        string name, int memoryMb, IReadOnlyList<double> secondsAtHome, IReadOnlyList<double>? untrackedGbAtHome = null, int regions = 1) => new()
    {
        Name = name,
        Function = name,
        MemoryMb = memoryMb,
        AllowedRegions = [.. Enumerable.Range(0, regions)],
        RuntimeSeconds = [secondsAtHome, .. Enumerable.Repeat<IReadOnlyList<double>?>(null, regions - 1)],
        UntrackedTransferGb = untrackedGbAtHome is null
            ? null
            : [untrackedGbAtHome, .. Enumerable.Repeat<IReadOnlyList<double>?>(null, regions - 1)],
        DefaultCpuUtilization = 0.5,
    };

    public static PlanningProblem Problem(
        IReadOnlyList<InstanceModel> instances, IReadOnlyList<EdgeModel> edges, IReadOnlyList<RegionModel>? regions = null,
            double latencySeconds = 0.01)
    {
        var regionModels = regions ?? [Region("home")];
        return new PlanningProblem
        {
            Name = "tiny",
            Regions = regionModels,
            HomeRegion = 0,
            Instances = instances,
            Edges = edges,
            Latency = LatencyTable.PerRegionPair(edges.Count, regionModels.Count, (_, _) => [latencySeconds]),
            TransferUsdPerGb = [.. regionModels.Select(_ => (IReadOnlyList<double>)[.. regionModels.Select(_ => 0.0)])],
        };
    }
}

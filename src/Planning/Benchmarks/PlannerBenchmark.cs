using System.Diagnostics;
using Tern.Planning.CaribouBench;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;

namespace Tern.Planning.Benchmarks;

/// <summary>One problem to benchmark, with Caribou's results on it when known.</summary>
public sealed record BenchCase(string Name, PlanningProblem Problem, IReadOnlyList<CaribouResults>? Caribou = null);

/// <summary>The figures of one case and algorithm over a full day of time keys.</summary>
public sealed record BenchResult(
    string Case,
    int Instances,
    int Regions,
    AlgorithmChoice Algorithm,
    long PlacementsEvaluated,
    long Evaluations,
    long Samples,
    TimeSpan PerKeyMedian,
    TimeSpan Total,
    double PeakMemoryMiB,
    double MedianCarbonSavedPercent,
    int ProvenOptimalKeys,
    int Keys,
    IReadOnlyList<double> CarbonSavedPercentByHour);

/// <summary>Runs the planner over benchmark cases and algorithms, 24 time keys each, and measures it.</summary>
public static class PlannerBenchmark
{
    public static BenchResult Run(BenchCase benchCase, AlgorithmChoice algorithm, int seed)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var options = new PlannerOptions
        {
            Algorithm = algorithm,
            TimeKeysPerDay = 24,
            Evaluation = new() { Seed = seed },
            DeadlinePerKey = TimeSpan.FromSeconds(30),
        };
        var stopwatch = Stopwatch.StartNew();
        var plan = Planner.Plan(benchCase.Problem, options, TimeProvider.System);
        var total = stopwatch.Elapsed;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var perKey = plan.TimeKeys.Select(k => k.Elapsed).Order().ToList();
        var reductions = plan.TimeKeys.Select(k => k.CarbonSavingsPercent).Order().ToList();
        return new BenchResult(
            benchCase.Name,
            benchCase.Problem.Instances.Count,
            benchCase.Problem.Regions.Count,
            algorithm,
            plan.TimeKeys.Sum(k => k.PlacementsEvaluated),
            plan.TimeKeys.Sum(k => k.Evaluations),
            plan.TimeKeys.Sum(k => k.Samples),
            perKey[perKey.Count / 2],
            total,
            process.PeakWorkingSet64 / 1048576.0,
            reductions[reductions.Count / 2],
            plan.TimeKeys.Count(k => k.ProvenOptimal),
            plan.TimeKeys.Count,
            [.. plan.TimeKeys.Select(k => k.CarbonSavingsPercent)]);
    }
}

using System.Globalization;
using Tern.Operator.Planning.CaribouBench;

namespace Tern.Operator.Planning.Benchmarks;

/// <summary>The Caribou bench documents of a directory as benchmark cases, each with a one-line summary
/// of what Caribou's solvers measured on it (from the results files beside them).</summary>
internal static class BenchDocuments
{
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "bench");

    public static IReadOnlyList<BenchCase> Load(DirectoryInfo? directory, TextWriter output)
    {
        var path = directory?.FullName ?? DefaultDirectory;
        if (!Directory.Exists(path))
        {
            output.WriteLine($"note: no bench documents at {path}; only generated cases are run (give --bench-dir).");
            return [];
        }
        return [.. Directory.GetFiles(path, "case_*.json").Order(StringComparer.Ordinal).Select(file => Load(file))];
    }

    private static BenchCase Load(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file)["case_".Length..];
        using var stream = File.OpenRead(file);
        var problem = CaribouBenchReader.Read(stream);
        var summaries = Directory.GetFiles(Path.GetDirectoryName(file)!, $"{name}__*__simple.jsonl")
            .Order(StringComparer.Ordinal)
            .Select(results => Summarise(problem, results));
        return new BenchCase($"bench {name}", problem, string.Join("\n", summaries));
    }

    private static string Summarise(Tern.Solvers.Model.PlanningProblem problem, string resultsFile)
    {
        using var stream = File.OpenRead(resultsFile);
        var results = CaribouResults.Read(stream);
        var walls = results.Hours.Select(h => h.WallSeconds).Order().ToList();
        var reductions = results.Hours.Select(h => 100 * (1 - h.BestMetrics.AverageCarbon / h.HomeMetrics.AverageCarbon)).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Caribou {results.Solver,-20} {results.Hours.Count,2} h  {walls[walls.Count / 2],7:0.00} s/hour  {walls.Sum(),7:0.0} s in all  carbon saved {reductions[reductions.Count / 2]:0.0}% (its estimate), {CaribouComparison.MedianCarbonReduction(problem, results):0.0}% (judged by Tern's model)");
    }
}

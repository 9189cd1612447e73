using Tern.Planning.CaribouBench;

namespace Tern.Planning.Benchmarks;

/// <summary>The Caribou bench documents of a directory as benchmark cases, each with a one-line summary
/// of what Caribou's solvers measured on it (from the results files beside them).</summary>
public static class BenchDocuments
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
        var results = Directory.GetFiles(Path.GetDirectoryName(file)!, $"{name}__*__simple.jsonl")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                using var jsonl = File.OpenRead(path);
                return CaribouResults.Read(jsonl);
            })
            .ToList();
        return new BenchCase($"bench {name}", problem, results);
    }
}

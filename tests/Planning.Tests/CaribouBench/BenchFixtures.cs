using System.Text.Json.Nodes;
using Tern.Planning.CaribouBench;
using Tern.Solvers.Model;
using Tern.Tests.Support;

namespace Tern.Planning.Tests.CaribouBench;

/// <summary>The bench documents and Caribou results bundled in data/bench.</summary>
internal static class BenchFixtures
{
    public static string Path(string file) => RepoPaths.Of("data", "bench", file);

    public static string Case(string name) => Path($"case_{name}.json");

    public static PlanningProblem Read(string caseName)
    {
        using var stream = File.OpenRead(Case(caseName));
        return CaribouBenchReader.Read(stream);
    }

    public static JsonNode Json(string caseName) => JsonNode.Parse(File.ReadAllText(Case(caseName)))!;

    public static PlanningProblem Read(JsonNode document)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()));
        return CaribouBenchReader.Read(stream);
    }

    public static CaribouResults Results(string file)
    {
        using var stream = File.OpenRead(Path(file));
        return CaribouResults.Read(stream);
    }
}

using System.Text.Json;
using Tern.Planning.CaribouBench.Model;
using Tern.Solvers.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>Maps a Caribou bench document (schema <c>caribou-solver-bench-input/1</c>, described in the README that comes with the bench documents)
/// to a <see cref="PlanningProblem"/>, so that Tern's planner and Caribou's solver work on the same problem.
/// File names refer to Caribou's source, github.com/ubc-cirrus-lab/caribou (commit 0224499a).</summary>
public static class CaribouBenchReader
{
    /// <summary>The only schema this reader understands.</summary>
    public const string Schema = "caribou-solver-bench-input/1";

    /// <summary>Reads the document in <paramref name="json"/> and maps it.</summary>
    /// <exception cref="BenchDocumentException">The document is not JSON, has another schema, lacks a table or
    /// names an unknown region or instance, or maps to a problem <see cref="ProblemValidator"/> rejects.</exception>
    public static PlanningProblem Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        BenchDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<BenchDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new BenchDocumentException($"the bench document is not valid: {e.Message}", e);
        }
        if (document is null)
        {
            throw new BenchDocumentException("the bench document is empty (JSON null).");
        }
        var problem = new BenchMapper(document).Map();
        var errors = ProblemValidator.Validate(problem);
        if (errors.Count > 0)
        {
            throw new BenchDocumentException($"the bench document maps to an invalid problem:\n{string.Join('\n', errors)}");
        }
        return problem;
    }

    // Python writes NaN and Infinity as bare literals; let them through so that the validator names them.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Planning.CaribouBench;

/// <summary>Caribou's metrics of one deployment, per workflow invocation: cost USD, runtime s (critical path),
/// carbon gCO2e; tail = 95th percentile of its Monte Carlo samples.</summary>
public sealed record CaribouMetrics
{
    [JsonPropertyName("average_cost")] public required double AverageCost { get; init; }
    [JsonPropertyName("average_runtime")] public required double AverageRuntime { get; init; }
    [JsonPropertyName("average_carbon")] public required double AverageCarbon { get; init; }
    [JsonPropertyName("tail_cost")] public required double TailCost { get; init; }
    [JsonPropertyName("tail_runtime")] public required double TailRuntime { get; init; }
    [JsonPropertyName("tail_carbon")] public required double TailCarbon { get; init; }
}

/// <summary>What Caribou's solver produced for one UTC hour.</summary>
public sealed record CaribouHourResult
{
    /// <summary>UTC hour of the carbon forecast, 0 to 23.</summary>
    public required int Hour { get; init; }

    /// <summary>Region key (for example <c>aws:us-west-2</c>) per instance, in Caribou's instance order.</summary>
    public required IReadOnlyList<string> BestDeployment { get; init; }

    /// <summary>Metrics of the chosen deployment.</summary>
    public required CaribouMetrics BestMetrics { get; init; }

    /// <summary>Metrics with every instance in the home region.</summary>
    public required CaribouMetrics HomeMetrics { get; init; }

    /// <summary>Wall-clock seconds Caribou spent on the hour.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Deployments whose metrics Caribou estimated for the hour.</summary>
    public required int DeploymentsEvaluated { get; init; }
}

/// <summary>A Caribou results file (<c>caribou-results/*.jsonl</c>, described under "Result record" in the README that comes with them):
/// one setup line, one line per solved hour and, unless the run was stopped at its time limit, a done line.</summary>
public sealed record CaribouResults
{
    /// <summary>Deployment algorithm, for example <c>fine_grained</c>.</summary>
    public required string Solver { get; init; }

    /// <summary>Region keys by Caribou's region index.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Instance names by Caribou's instance index (the order of <see cref="CaribouHourResult.BestDeployment"/>).</summary>
    public required IReadOnlyList<string> Instances { get; init; }

    /// <summary>The solved hours, in file order.</summary>
    public required IReadOnlyList<CaribouHourResult> Hours { get; init; }

    /// <summary>Total solve seconds from the done line; null when the run was stopped before it finished.</summary>
    public double? SolveSeconds { get; init; }

    /// <summary>Reads a results file.</summary>
    /// <exception cref="BenchDocumentException">A line is not JSON or lacks a field.</exception>
    public static CaribouResults Read(Stream jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        using var reader = new StreamReader(jsonl);
        string? solver = null;
        IReadOnlyList<string> regions = [];
        IReadOnlyList<string> instances = [];
        double? solveSeconds = null;
        var hours = new List<CaribouHourResult>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                switch (root.GetProperty("type").GetString())
                {
                    case "setup":
                        solver = root.GetProperty("solver").GetString();
                        regions = Strings(root.GetProperty("regions"));
                        instances = Strings(root.GetProperty("instances"));
                        break;
                    case "hour":
                        hours.Add(new CaribouHourResult
                        {
                            Hour = int.Parse(root.GetProperty("hour").GetString()!, CultureInfo.InvariantCulture),
                            BestDeployment = Strings(root.GetProperty("best_deployment")),
                            BestMetrics = root.GetProperty("best_metrics").Deserialize<CaribouMetrics>()!,
                            HomeMetrics = root.GetProperty("home_metrics").Deserialize<CaribouMetrics>()!,
                            WallSeconds = root.GetProperty("wall_s").GetDouble(),
                            DeploymentsEvaluated = root.GetProperty("deployments_evaluated").GetInt32(),
                        });
                        break;
                    case "done":
                        solveSeconds = root.GetProperty("solve_s").GetDouble();
                        break;
                    default:
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new BenchDocumentException($"results line {number}: {e.Message}", e);
            }
        }
        return new CaribouResults
        {
            Solver = solver ?? throw new BenchDocumentException("the results have no setup line."),
            Regions = regions,
            Instances = instances,
            Hours = hours,
            SolveSeconds = solveSeconds,
        };
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

using Tern.Planning.CaribouBench.Model;
using Tern.Solvers.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>A bench document's constraints as the planner's: hard and soft bounds and the ranking order.</summary>
internal static class BenchConstraints
{
    /// <summary>Caribou's ranker.py: absolute bounds in the metric's unit, relative ones in percent of home; a bound that is null,
    /// has no value or an unknown type never fails in Caribou, so it is dropped.</summary>
    public static ConstraintSet Map(ConstraintsConfig? constraints, List<string> notes)
    {
        if (constraints is null)
        {
            return ConstraintSet.None;
        }
        return new ConstraintSet
        {
            Hard = MapBounds("hard", constraints.Hard, notes),
            Soft = MapBounds("soft", constraints.Soft, notes),
            Priority = [.. (constraints.PriorityOrder ?? []).Select(name => ParseMetric(name)
                ?? throw new BenchDocumentException($"workflow_config.constraints.priority_order names {name}; only cost, runtime and carbon " +
                    $"exist."))],
        };
    }

    private static Dictionary<Metric, Bound> MapBounds(string kind, IReadOnlyDictionary<string, ConstraintValue?>? bounds, List<string> notes)
    {
        var result = new Dictionary<Metric, Bound>();
        foreach (var (name, bound) in bounds ?? new Dictionary<string, ConstraintValue?>())
        {
            var metric = ParseMetric(name) ?? throw new BenchDocumentException($"workflow_config.constraints.{kind}_resource_constraints " +
                $"names {name}; only cost, runtime and carbon exist.");
            if (bound?.Value is not { } value)
            {
                continue;
            }
            switch (bound.Type)
            {
                case "absolute":
                    result[metric] = new Bound { Absolute = value };
                    break;
                case "relative":
                    result[metric] = new Bound { PercentOfHome = value };
                    break;
                default:
                    notes.Add($"{kind} {name} constraint has type \"{bound.Type}\", which Caribou never enforces; dropped.");
                    break;
            }
        }
        return result;
    }

    private static Metric? ParseMetric(string name) => name switch
    {
        "cost" => Metric.Cost,
        "runtime" => Metric.Runtime,
        "carbon" => Metric.Carbon,
        _ => null,
    };
}

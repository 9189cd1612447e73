using Tern.Planning.CaribouBench;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Planning.Benchmarks;

/// <summary>Judges the placements Caribou chose with Tern's own model, so that Tern's and Caribou's
/// choices are compared on one yardstick (each tool's own estimates differ by model and noise).</summary>
public static class CaribouComparison
{
    /// <summary>Carbon saved against home, percent, by Caribou's chosen placement of each solved hour, judged by Tern's model.</summary>
    public static IReadOnlyDictionary<int, double> CarbonSavedByHour(PlanningProblem problem, CaribouResults results)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(results);
        var context = new EvaluationContext(problem, new EvaluatorOptions());
        return results.Hours.ToDictionary(hour => hour.Hour, hour =>
        {
            var evaluator = context.ForTimeKey(hour.Hour, 1);
            var placement = Placement(problem, results, hour.BestDeployment);
            var home = evaluator.Exact.Evaluate(evaluator.HomePlacement).CarbonGrams;
            return 100 * (1 - evaluator.Exact.Evaluate(placement).CarbonGrams / home);
        });
    }

    // Caribou lists regions as "aws:<code>" per its instance order; Tern orders instances topologically.
    private static int[] Placement(PlanningProblem problem, CaribouResults results, IReadOnlyList<string> deployment)
    {
        var placement = new int[problem.Instances.Count];
        for (var i = 0; i < results.Instances.Count; i++)
        {
            var instance = problem.Instances.Select((m, index) => (m, index)).Single(x => x.m.Name == results.Instances[i]).index;
            var code = deployment[i].Split(':')[^1];
            placement[instance] = problem.Regions.Select((r, index) => (r, index)).Single(x => x.r.Code == code).index;
        }
        return placement;
    }
}

using Microsoft.Extensions.Time.Testing;
using Tern.Planning.Benchmarks;
using Tern.Solvers.Plans;

namespace Tern.Planning.Tests.CaribouBench;

/// <summary>On every bench document, Tern's heuristic saves at least as much carbon as the placement Caribou
/// chose for the same hour, both judged by Tern's model (each tool's own estimates differ by model and noise).</summary>
public class TernVersusCaribouTests
{
    public static TheoryData<string, string> Runs => new()
    {
        { "F3_R4_chain", "fine_grained" },
        { "F3_R4_chain", "stochastic_heuristic" },
        { "F6_R8_fanout", "stochastic_heuristic" },
        { "F12_R12_fanout", "stochastic_heuristic" },
        { "F12_R12_fanout", "coarse_grained" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_heuristic_saves_at_least_as_much_carbon_as_caribou_every_hour(string name, string solver)
    {
        var problem = BenchFixtures.Read(name);
        var caribou = CaribouComparison.CarbonSavedByHour(problem, BenchFixtures.Results($"{name}__{solver}__simple.jsonl"));
        var plan = Planner.Plan(problem, new PlannerOptions { Algorithm = AlgorithmChoice.Heuristic }, new FakeTimeProvider());
        foreach (var (hour, saved) in caribou)
        {
            Assert.True(plan.TimeKeys[hour].CarbonSavingsPercent >= saved - 1e-9,
                $"hour {hour}: Tern saves {plan.TimeKeys[hour].CarbonSavingsPercent:0.00}%, Caribou's placement {saved:0.00}%");
        }
    }
}

using Tern.Planning.CaribouBench;

namespace Tern.Planning.Tests.CaribouBench;

public class CaribouResultsTests
{
    [Fact]
    public void The_fine_grained_chain_results_have_24_hours()
    {
        var results = BenchFixtures.Results("F3_R4_chain__fine_grained__simple.jsonl");

        Assert.Equal("fine_grained", results.Solver);
        Assert.Equal(24, results.Hours.Count);
        Assert.Equal(Enumerable.Range(0, 24), results.Hours.Select(h => h.Hour));
        Assert.Equal(["aws:us-east-1", "aws:us-east-2", "aws:us-west-1", "aws:us-west-2"], results.Regions);
        Assert.Equal(3, results.Instances.Count);
        var first = results.Hours[0];
        Assert.Equal(["aws:us-west-2", "aws:us-west-1", "aws:us-west-1"], first.BestDeployment);
        Assert.Equal(64, first.DeploymentsEvaluated);
        Assert.Equal(9.59050526899955, first.WallSeconds);
        Assert.Equal(9.230863736320092e-05, first.HomeMetrics.AverageCost);
        Assert.Equal(0.005292297802059474, first.BestMetrics.AverageCarbon);
        Assert.Equal(3.66934895, first.HomeMetrics.TailRuntime);
        Assert.NotNull(results.SolveSeconds);
    }

    [Fact]
    public void A_run_stopped_at_its_time_limit_has_fewer_hours_and_no_solve_time()
    {
        var results = BenchFixtures.Results("F12_R12_fanout__stochastic_heuristic__simple.jsonl");

        Assert.Equal(2, results.Hours.Count);
        Assert.Null(results.SolveSeconds);
        Assert.All(results.Hours, hour => Assert.Equal(12, hour.BestDeployment.Count));
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_number()
    {
        var lines = "{\"type\":\"setup\",\"solver\":\"x\",\"regions\":[],\"instances\":[]}\n{\"type\":\"hour\"}\n"u8.ToArray();
        using var stream = new MemoryStream(lines);

        var error = Assert.Throws<BenchDocumentException>(() => CaribouResults.Read(stream));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}

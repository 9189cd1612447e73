using Tern.Entities.ServerlessWorkflows;
using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class SingleRegionBaselineTests
{
    private const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1";

    // A heavy stage pinned to the United States and a light one free to go anywhere.
    private static ServerlessWorkflow Pinned(ConstraintsSpec? constraints = null) => new()
    {
        Metadata = new() { Name = "pinned" },
        Spec = new ServerlessWorkflowSpec
        {
            HomeRegion = "us-east-1",
            Regions = ["us-east-1", "us-west-2", "ca-central-1"],
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/tern",
            Entrypoint = "light",
            Functions =
            [
                new FunctionSpec { Name = "light", Image = Image, MemoryMiB = 128, Calls = [new CallSpec { Function = "heavy" }],
                    Profile = new FunctionProfile { RuntimeMilliseconds = 100, OutputBytes = 1000 } },
                new FunctionSpec { Name = "heavy", Image = Image, MemoryMiB = 10240, Regions = ["us-east-1", "us-west-2"],
                    Profile = new FunctionProfile { RuntimeMilliseconds = 20000 } },
            ],
            Constraints = constraints ?? new ConstraintsSpec(),
        },
    };

    [Fact]
    public void The_region_is_chosen_by_the_workflows_own_carbon_and_pinned_stages_stay_where_pinned()
    {
        // ca-central-1 has by far the cleanest grid, but the heavy stage may not run there: all-in-Canada leaves it at the
        // dirty home. All-in-us-west-2 takes the heavy stage to a cleaner grid and so emits less, though its mean is higher.
        var data = Data(June1, home: Days(500, 500), west: Days(100, 100), canada: Days(20, 20));
        var result = Run(Pinned(), Request(June1.AddDays(1), days: 1) with { Constraints = new ConstraintsSpec() }, data);

        var best = result.Of(StrategyKind.BestSingleRegion);
        Assert.Equal("best single region (us-west-2)", best.Name);
        var west = result.Regions.ToList().IndexOf("us-west-2");
        Assert.All(best.Placement, hour => Assert.Equal([west, west], hour));
        Assert.Contains(result.Notes, n => n.StartsWith("best single region: us-west-2, the least realised carbon of this workflow",
            StringComparison.Ordinal)
            && n.Contains("among us-east-1, ca-central-1, us-west-2", StringComparison.Ordinal));
        // The baseline it replaces would have said Canada, whose placement really emits more.
        Assert.True(best.TotalCarbonGrams < result.Home.TotalCarbonGrams);
    }

    [Fact]
    public void A_region_whose_placement_breaks_a_hard_bound_is_left_out_and_said_so()
    {
        // Moving only the light stage away from its heavy callee's region adds a cross-region call; a run-time bound of
        // home's p95 leaves Canada out even though its grid is the cleanest and the heavy stage would stay home.
        var strict = new ConstraintsSpec { Hard = new MetricLimits { Runtime = new Limit { PercentOfHome = 100 } } };
        var data = Data(June1, home: Days(500, 500), west: Days(480, 480), canada: Days(1, 1));
        var result = Run(Pinned(strict), Request(June1.AddDays(1), days: 1) with { Constraints = null }, data);

        var note = result.Notes.Single(n => n.StartsWith("best single region:", StringComparison.Ordinal));
        Assert.Contains("left out: ca-central-1 (p95 run time", note, StringComparison.Ordinal);
        Assert.DoesNotContain("ca-central-1", result.Of(StrategyKind.BestSingleRegion).Name, StringComparison.Ordinal);
    }
}

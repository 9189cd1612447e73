using Tern.Functions.Execution;

namespace Tern.Functions.Tests.Execution;

public sealed class HomeShareTests
{
    private static FunctionServices Services(double share, int seed) => new(new TernFunctionOptions
    {
        WorkflowNamespace = "tests", WorkflowName = "w", Function = "a", Region = "us-east-1", RuntimeApi = "127.0.0.1:1",
        TableRegion = "us-east-1", HomeShare = share, RandomSeed = seed,
    }, _ => throw new InvalidOperationException("not used"), null!, null!, null!);

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(0.1, 2)]
    [InlineData(0.3, 3)]
    public void The_share_of_runs_kept_home_matches_the_setting_within_four_standard_deviations(double share, int seed)
    {
        const int Runs = 10_000;
        var services = Services(share, seed);

        var home = Enumerable.Range(0, Runs).Count(_ => services.DrawHomeRun());

        // Binomial: σ = √(n p (1 − p)), 30 runs for 10 %; 4σ leaves a false failure about once in 16 000 seeds.
        var sigma = Math.Sqrt(Runs * share * (1 - share));
        Assert.InRange(home, Runs * share - 4 * sigma, Runs * share + 4 * sigma);
    }

    [Fact]
    public void The_same_seed_draws_the_same_runs_and_the_extremes_are_exact()
    {
        var first = Enumerable.Range(0, 100).Select(_ => Services(0.5, 42)).Select(s => s.DrawHomeRun()).ToList();
        var a = Services(0.5, 42);
        var b = Services(0.5, 42);

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => a.DrawHomeRun()), Enumerable.Range(0, 50).Select(_ => b.DrawHomeRun()));
        Assert.Single(first.Distinct());
        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => Services(0, 1)).Select(s => s.DrawHomeRun()));
        var always = Services(1, 5);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(always.DrawHomeRun()));
    }
}

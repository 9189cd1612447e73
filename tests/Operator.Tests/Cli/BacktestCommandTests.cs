using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class BacktestCommandTests
{
    private static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        return Tern.Run(["backtest", .. args]);
    }

    private static readonly string Dna = RepoPaths.Of("examples", "dna-visualization.yaml");

    [Fact]
    public void To_before_from_is_refused()
    {
        var (exit, _, error) = Cli(Dna, "--from", "2023-06-10", "--to", "2023-06-01");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--to 2023-06-01 is before --from 2023-06-10", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_preset_is_refused_with_the_choices()
    {
        var (exit, _, error) = Cli(Dna, "--from", "2023-06-10", "--to", "2023-06-11", "--constraints", "latency-1pct");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--constraints 'latency-1pct' is neither a preset nor a file", error, StringComparison.Ordinal);
        Assert.Contains("runtime-5pct", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_is_refused_by_name()
    {
        var (exit, _, error) = Cli(Dna, "--from", "2023-06-10", "--to", "2023-06-11", "--regions", "us-west-9");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--regions: 'us-west-9' is not an AWS region in Tern's catalogue.", error, StringComparison.Ordinal);
        Assert.Contains("Regions with bundled carbon data: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_without_data_for_a_region_names_the_region_and_the_dates()
    {
        var (exit, _, error) = Cli(Dna, "--from", "2023-06-10", "--to", "2023-06-11", "--regions", "eu-west-1", "--missing-years", "fail");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("Region eu-west-1 (zone IE) has no carbon data from 2023-06-10 to 2023-06-11", error, StringComparison.Ordinal);
        Assert.Contains("its data cover 2022-01-01 to 2022-12-31", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_before_every_year_of_data_says_no_year_can_be_borrowed_and_what_to_do()
    {
        // Years are borrowed only from the past, so a window before the bundled data cannot be filled.
        var (exit, _, error) = Cli(Dna, "--from", "2021-06-10", "--to", "2021-06-11");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("Region us-east-1 (zone US-MIDA-PJM) has no carbon data from 2021-06-10 to 2021-06-11", error, StringComparison.Ordinal);
        Assert.Contains("No earlier year (up to 3 back) has those dates either. Choose a window inside the data or leave us-east-1 out of " +
            "--regions.", error, StringComparison.Ordinal);
    }
}

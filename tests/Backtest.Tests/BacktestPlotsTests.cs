using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class BacktestPlotsTests
{
    [Fact]
    public void Each_region_and_each_strategy_keeps_one_colour_in_every_plot_and_no_two_share_one()
    {
        var result = Run(BacktestRunnerTests.Example("text-2-speech-censoring"),
            Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 1, forecast: "trailing-mean:2d", timeKeys: 4) with
            {
                Regions = ["us-west-1", "us-west-2", "ca-central-1"],
            });
        var regionColours = result.Regions.Select((_, r) => BacktestPlots.RegionColour(r).ToHex()).ToList();
        var strategyColours = result.Strategies.Select(s => BacktestPlots.StrategyStyle(s.Kind).Colour.ToHex()).ToList();
        Assert.Equal(regionColours.Count, regionColours.Distinct().Count());
        Assert.Equal(strategyColours.Count, strategyColours.Distinct().Count());

        var intensity = BacktestPlots.Intensity(result);
        var placement = BacktestPlots.Placement(result);
        Assert.All(regionColours, c => Assert.Contains($"\"{c}\"", intensity, StringComparison.Ordinal));
        // The placement plot draws only the regions the plan used, each in its own colour.
        var used = result.Of(StrategyKind.Forecast).Placement.SelectMany(p => p).Distinct().ToList();
        Assert.All(used, r => Assert.Contains($"\"{regionColours[r]}\"", placement, StringComparison.Ordinal));

        var cumulative = BacktestPlots.Cumulative(result);
        var byHour = BacktestPlots.SavingsByHour(result);
        Assert.All(strategyColours, c => Assert.Contains($"\"{c}\"", cumulative, StringComparison.Ordinal));
        Assert.All(result.Strategies.Where(s => s.Kind != StrategyKind.Home),
            s => Assert.Contains($"\"{BacktestPlots.StrategyStyle(s.Kind).Colour.ToHex()}\"", byHour, StringComparison.Ordinal));
    }

    [Fact]
    public void Strategies_that_can_coincide_differ_in_width_or_pattern()
    {
        var styles = Enum.GetValues<StrategyKind>().Select(BacktestPlots.StrategyStyle).ToList();
        Assert.Equal(styles.Count, styles.Select(s => (s.Width, s.Pattern)).Distinct().Count());
    }
}

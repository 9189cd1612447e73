using Tern.Entities.Regions;
using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class ActualCarbonTests
{
    private static ActualCarbon Load(double[] west, int historyHours = 24) =>
        ActualCarbon.Load(Data(June1, Days(400, 400, 400), west).Carbon, RegionCatalogue.Bundled, ["us-east-1", "us-west-2"], June1.AddDays(1),
            June1.AddDays(2), historyHours, "trailing-mean:1d", shiftYears: true);

    [Fact]
    public void A_short_gap_is_filled_on_the_straight_line_between_its_ends_not_with_the_value_before_it()
    {
        var west = Days(100, 100, 100);
        west[30] = 100;
        west[31] = west[32] = double.NaN;
        west[33] = 400;
        var series = Load(west)["us-west-2"];
        Assert.Equal([100, 200, 300, 400], series.Values[30..34]);
        // What was recorded is kept apart, for forecasts.
        Assert.Equal(2, series.Recorded[30..34].Count(double.IsNaN));
    }

    [Fact]
    public void A_gap_longer_than_three_hours_stays_missing_and_is_noted()
    {
        var west = Days(100, 100, 100);
        for (var h = 30; h < 34; h++)
        {
            west[h] = double.NaN;
        }
        var actual = Load(west);
        Assert.All(actual["us-west-2"].Values[30..34], v => Assert.True(double.IsNaN(v)));
        Assert.Contains(actual.Notes, n => n.StartsWith("us-west-2 (zone US-NW-BPAT): no data from 2023-06-02T06:00Z to 2023-06-02T10:00Z (4 h",
            StringComparison.Ordinal));
    }
}

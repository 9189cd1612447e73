using Tern.Backtest.Forecasts;
using static Tern.Backtest.Tests.BacktestSupport;

namespace Tern.Backtest.Tests;

public class BacktestInputTests
{
    [Fact]
    public void A_missing_year_is_replayed_from_the_year_before_and_said_so()
    {
        var result = Run(OneFunction("eu-west-2", "eu-west-2", "eu-west-1"), Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 1));
        Assert.Contains(result.Notes, n => n.StartsWith("eu-west-1 (zone IE): no data for 2023; the same dates 1 year(s) earlier (2022-06-10 to " +
            "2022-06-10)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_window_that_starts_before_the_forecasts_history_exists_is_refused()
    {
        var data = Data(June1, Days(400, 400, 400), Days(100, 100, 100));
        var e = Assert.Throws<BacktestInputException>(() => Run(OneFunction(), Request(June1.AddDays(1), days: 2, forecast: "trailing-mean:7d"),
            data));
        Assert.Contains("The forecast trailing-mean:7d needs 7 day(s) of history before 2023-06-02, but region us-east-1 (zone US-MIDA-PJM) has " +
            "data only from 2023-06-01T00:00Z", e.Message, StringComparison.Ordinal);
        Assert.Contains("Start the window on 2023-06-08 or later, or use a history that fits the data, --forecast trailing-mean:1d.", e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_never_suggests_the_forecast_in_use_and_suggests_one_that_fits()
    {
        // A day and a half of data before the window: trailing-mean:1d fits, so it is what a 2-day history is told to use;
        // with less than a day before the window, no shorter history fits and only a later start is suggested.
        var data = Data(June1, Days(400, 400, 400, 400), Days(100, 100, 100, 100));
        var fits = Assert.Throws<BacktestInputException>(() => Run(OneFunction(), Request(June1.AddHours(36), days: 1,
            forecast: "trailing-mean:2d"), data));
        Assert.EndsWith("or use a history that fits the data, --forecast trailing-mean:1d.", fits.Message, StringComparison.Ordinal);
        var none = Assert.Throws<BacktestInputException>(() => Run(OneFunction(), Request(June1.AddHours(12), days: 1,
            forecast: "trailing-mean:1d"), data));
        Assert.EndsWith("Start the window on 2023-06-02 or later.", none.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--forecast trailing-mean:1d", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_for_a_zone_replayed_from_an_earlier_year_quotes_the_dates_it_has()
    {
        // IE has data for 2022 only; a window in early January 2023 replays 2022, whose data start on 2022-01-01.
        var e = Assert.Throws<BacktestInputException>(() => Run(OneFunction("eu-west-2", "eu-west-2", "eu-west-1"),
            Request(new DateTime(2023, 1, 3, 0, 0, 0, DateTimeKind.Utc), days: 1, forecast: "trailing-mean:7d")));
        Assert.Contains("region eu-west-1 (zone IE) has no data for 2023 and is replayed from 2022, whose data start on 2022-01-01T00:00Z " +
            "(2023-01-01T00:00Z once moved to 2023)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Start the window on 2023-01-08 or later, or use a history that fits the data, --forecast trailing-mean:2d.", e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_region_that_regions_leaves_out_is_said_to_be_left_out_by_regions()
    {
        var workflow = BacktestRunnerTests.Example("video-analytics");
        var request = Request(new DateTime(2023, 6, 10, 0, 0, 0, DateTimeKind.Utc), days: 1, timeKeys: 1) with { Regions = ["us-west-1",
            "us-west-2"] };
        var result = Run(workflow, request);
        Assert.Contains("function decode: ca-central-1 left out by --regions (the function's own regions are [us-east-1, us-west-1, us-west-2, " +
            "ca-central-1])",
            result.Notes);
        Assert.DoesNotContain(result.Notes, n => n.Contains("no carbon data", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Periods.SelectMany(p => p.Plan!.Notes), n => n.Contains("ca-central-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Short_gaps_are_interpolated_and_long_ones_drop_the_region_for_the_periods_that_need_them()
    {
        var home = Days(400, 400, 400, 400);
        var west = Days(100, 100, 100, 100);
        west[30] = west[31] = double.NaN;                 // 2 h on day 1: interpolated
        for (var h = 60; h < 90; h++)
        {
            west[h] = double.NaN;                          // 30 h from day 2 12:00 to day 3 18:00: too long
        }
        var result = Run(OneFunction(), Request(June1.AddDays(1), days: 3), Data(June1, home, west));

        Assert.Contains(result.Notes,
            n => n.Contains("1 gap(s) of at most 3 h interpolated linearly: 2023-06-02T06:00Z (2 h)", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("no data from 2023-06-03T12:00Z to 2023-06-04T18:00Z (30 h", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("us-west-2 dropped from 2 re-plan period(s)", StringComparison.Ordinal));
        // Day 1 runs in the clean region; days 2 and 3 (whose history or hours hit the gap) stay home.
        Assert.Equal(["us-west-2"], result.Periods[0].Plan!.Regions.Skip(1));
        Assert.Equal(["us-west-2"], result.Periods[1].Dropped);
        Assert.Equal(["us-west-2"], result.Periods[2].Dropped);
        var forecast = result.Of(StrategyKind.Forecast);
        Assert.All(Enumerable.Range(24, 48), h => Assert.All(forecast.Placement[h], r => Assert.Equal(0, r)));
    }

    [Fact]
    public void Bad_forecasts_replans_and_invocations_are_refused()
    {
        Assert.Null(Forecasters.Parse("arima", out var error));
        Assert.Contains("trailing-mean", error, StringComparison.Ordinal);
        Assert.Throws<BacktestInputException>(() => BacktestArguments.Replan("90m"));
        Assert.Equal(TimeSpan.FromHours(6), BacktestArguments.Replan("6h"));
        Assert.Throws<BacktestInputException>(() => BacktestArguments.Invocations("1,2,3"));
        Assert.Equal(24, BacktestArguments.Invocations("diurnal:100").Count);
        Assert.Equal(100, BacktestArguments.Invocations("diurnal:100").Average(), 9);
    }
}

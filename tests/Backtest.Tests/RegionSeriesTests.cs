namespace Tern.Backtest.Tests;

public class RegionSeriesTests
{
    private static RegionSeries Series(params double[] recorded) => new("r", "Z", recorded, 0, recorded);

    [Fact]
    public void A_gap_closed_before_the_instant_is_interpolated_between_its_ends()
    {
        var history = Series(100, double.NaN, double.NaN, 400, 500, 600).HistoryBefore(at: 5, hours: 5)!;
        Assert.Equal([100, 200, 300, 400, 500], history);
    }

    [Fact]
    public void A_gap_still_open_at_the_instant_holds_the_last_recorded_value_and_never_reads_past_the_instant()
    {
        // Hours 3 and 4 are missing and hour 5, after the instant, is known: a forecast made at hour 5 may not use it.
        var history = Series(100, 200, 300, double.NaN, double.NaN, 900).HistoryBefore(at: 5, hours: 5)!;
        Assert.Equal([100, 200, 300, 300, 300], history);
    }

    [Fact]
    public void A_gap_longer_than_three_hours_or_history_before_the_data_gives_no_history()
    {
        Assert.Null(Series(100, double.NaN, double.NaN, double.NaN, double.NaN, 600).HistoryBefore(at: 6, hours: 6));
        // Open at the instant for four hours already: the region is out, whatever comes after.
        Assert.Null(Series(100, 100, double.NaN, double.NaN, double.NaN, double.NaN, 600).HistoryBefore(at: 6, hours: 6));
        Assert.Null(Series(100, 200).HistoryBefore(at: 1, hours: 2));
        Assert.Null(Series(double.NaN, 200, 300).HistoryBefore(at: 3, hours: 3));
    }
}

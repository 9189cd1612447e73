namespace Tern.Backtest.Forecasts;

/// <summary>The mean of each UTC hour of the day over the last days: what Caribou's paper experiment used
/// (7-day trailing hourly averages) and what Tern's Static provider does (HourOfDayMean).</summary>
internal sealed class TrailingMeanForecaster(int days) : IForecaster
{
    public string Name => $"trailing-mean:{days}d";

    public int HistoryHours => days * 24;

    public bool LooksAhead => false;

    public double[] HourOfDay(ReadOnlySpan<double> history, ReadOnlySpan<double> future, int startHourOfDay)
    {
        var sums = new double[24];
        var counts = new int[24];
        for (var i = 0; i < history.Length; i++)
        {
            // history[^1] is the hour just before the instant.
            var hour = Mod24(startHourOfDay - history.Length + i);
            sums[hour] += history[i];
            counts[hour]++;
        }
        return [.. sums.Select((s, h) => s / Math.Max(1, counts[h]))];
    }

    internal static int Mod24(int hour) => ((hour % 24) + 24) % 24;
}

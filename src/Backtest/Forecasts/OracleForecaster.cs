namespace Tern.Backtest.Forecasts;

/// <summary>Perfect knowledge: the actual intensities of the next 24 hours. The upper bound any forecast can reach.</summary>
internal sealed class OracleForecaster : IForecaster
{
    public string Name => "oracle";

    public int HistoryHours => 0;

    public bool LooksAhead => true;

    public double[] HourOfDay(ReadOnlySpan<double> history, ReadOnlySpan<double> future, int startHourOfDay)
    {
        if (future.Length < 24)
        {
            throw new ArgumentException("The oracle needs the 24 hours after the instant.", nameof(future));
        }
        var values = new double[24];
        for (var j = 0; j < 24; j++)
        {
            values[(startHourOfDay + j) % 24] = future[j];
        }
        return values;
    }
}

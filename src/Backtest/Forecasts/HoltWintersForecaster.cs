namespace Tern.Backtest.Forecasts;

/// <summary>Caribou's day-ahead forecast (its carbon_retriever.py): Holt–Winters exponential smoothing with no trend and
/// additive daily seasonality (period 24) fitted to the last week, forecasting the next 24 hours. Like statsmodels,
/// the smoothing constants are chosen by least one-step-ahead squared error; here over a coarse grid, which is
/// deterministic and cheap enough to refit at every hourly re-plan.</summary>
internal sealed class HoltWintersForecaster(int days = 7) : IForecaster
{
    private const int Period = 24;
    private static readonly double[] Grid = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public string Name => days == 7 ? "holt-winters" : $"holt-winters:{days}d";

    public int HistoryHours => days * 24;

    public bool LooksAhead => false;

    public double[] HourOfDay(ReadOnlySpan<double> history, ReadOnlySpan<double> future, int startHourOfDay)
    {
        if (history.Length < 2 * Period)
        {
            throw new ArgumentException("Holt–Winters needs at least two days of history.", nameof(history));
        }
        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Gamma: 0.0);
        foreach (var alpha in Grid)
        {
            foreach (var gamma in Grid)
            {
                var sse = Fit(history, alpha, gamma, null);
                if (sse < best.Sse)
                {
                    best = (sse, alpha, gamma);
                }
            }
        }
        var forecast = new double[Period];
        Fit(history, best.Alpha, best.Gamma, forecast);
        var values = new double[24];
        for (var j = 0; j < Period; j++)
        {
            values[(startHourOfDay + j) % 24] = Math.Max(0, forecast[j]);
        }
        return values;
    }

    // Runs the smoothing over the history and returns the one-step-ahead squared error; when forecast is given,
    // fills it with the next 24 values (level plus the season of each step).
    private static double Fit(ReadOnlySpan<double> y, double alpha, double gamma, double[]? forecast)
    {
        // Initial state as the classic heuristic: level = mean of the first day, season = the first day's deviations.
        var level = 0.0;
        for (var i = 0; i < Period; i++)
        {
            level += y[i];
        }
        level /= Period;
        var season = new double[Period];
        for (var i = 0; i < Period; i++)
        {
            season[i] = y[i] - level;
        }
        var sse = 0.0;
        for (var t = Period; t < y.Length; t++)
        {
            var s = season[t % Period];
            var error = y[t] - (level + s);
            sse += error * error;
            var newLevel = alpha * (y[t] - s) + (1 - alpha) * level;
            season[t % Period] = gamma * (y[t] - newLevel) + (1 - gamma) * s;
            level = newLevel;
        }
        if (forecast is not null)
        {
            for (var j = 0; j < Period; j++)
            {
                forecast[j] = level + season[(y.Length + j) % Period];
            }
        }
        return sse;
    }
}

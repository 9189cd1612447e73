namespace Tern.Carbon.Aggregation;

/// <summary>Holt–Winters exponential smoothing with additive seasonality and no trend, Caribou's day-ahead forecast
/// (statsmodels ExponentialSmoothing(trend=None, seasonal="add", seasonal_periods=24)):
/// level ℓ_t = α(y_t − s_{t−m}) + (1 − α)ℓ_{t−1}, season s_t = γ(y_t − ℓ_t) + (1 − γ)s_{t−m}, forecast ŷ_{T+h} = ℓ_T + s_{T+h−m}.
/// The start is the usual heuristic: ℓ_0 is the mean of the first season and s_i the first season's deviations
/// from it. α and γ are chosen on a 0.05 grid by the least one-step-ahead squared error, as statsmodels fits by SSE.</summary>
public static class HoltWinters
{
    /// <summary>The next <paramref name="horizon"/> values after <paramref name="series"/> (at least two seasons long).</summary>
    public static double[] Forecast(IReadOnlyList<double> series, int period, int horizon)
    {
        var (alpha, gamma) = Fit(series, period);
        return Run(series, period, alpha, gamma, horizon).Forecast;
    }

    /// <summary>The (α, γ) with the least one-step-ahead squared error.</summary>
    public static (double Alpha, double Gamma) Fit(IReadOnlyList<double> series, int period)
    {
        Require(series, period);
        var best = (Alpha: 0.5, Gamma: 0.5, Sse: double.PositiveInfinity);
        for (var a = 1; a <= 19; a++)
        {
            for (var g = 0; g <= 19; g++)
            {
                var sse = Run(series, period, a * 0.05, g * 0.05, 0).Sse;
                if (sse < best.Sse - 1e-9)
                {
                    best = (a * 0.05, g * 0.05, sse);
                }
            }
        }
        return (best.Alpha, best.Gamma);
    }

    /// <summary>Smooths with fixed parameters: the one-step-ahead squared error over the series after the first
    /// season, and the forecast of the next <paramref name="horizon"/> values.</summary>
    public static (double Sse, double[] Forecast) Run(IReadOnlyList<double> series, int period, double alpha, double gamma, int horizon)
    {
        Require(series, period);
        var level = series.Take(period).Average();
        var season = series.Take(period).Select(y => y - level).ToArray();
        var sse = 0.0;
        for (var t = period; t < series.Count; t++)
        {
            var slot = t % period;
            var error = series[t] - (level + season[slot]);
            sse += error * error;
            var previousLevel = level;
            level = (alpha * (series[t] - season[slot])) + ((1 - alpha) * previousLevel);
            season[slot] = (gamma * (series[t] - level)) + ((1 - gamma) * season[slot]);
        }
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            forecast[h] = level + season[(series.Count + h) % period];
        }
        return (sse, forecast);
    }

    private static void Require(IReadOnlyList<double> series, int period)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (series.Count < 2 * period)
        {
            throw new ArgumentException($"Holt–Winters needs at least two seasons ({2 * period} values); got {series.Count}.", nameof(series));
        }
    }
}

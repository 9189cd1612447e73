namespace Tern.Backtest.Forecasts;

/// <summary>Turns the hourly intensities a region had before a re-plan instant into the 24 hour-of-day values the
/// planner plans with. The backtest hands a forecaster only the hours before the instant, so no forecaster but
/// the oracle (which says <see cref="LooksAhead"/>) can see the future it is judged on.</summary>
public interface IForecaster
{
    /// <summary>How the forecast is written on the command line, for example trailing-mean:7d.</summary>
    string Name { get; }

    /// <summary>Hours of history before the re-plan instant the forecast reads.</summary>
    int HistoryHours { get; }

    /// <summary>True only for the oracle: it is handed the actual 24 hours after the instant.</summary>
    bool LooksAhead { get; }

    /// <summary>gCO2e/kWh per UTC hour of the day (24 values) for the 24 hours from the re-plan instant.</summary>
    /// <param name="history">The <see cref="HistoryHours"/> values before the instant, oldest first, without gaps.</param>
    /// <param name="future">The 24 actual values from the instant when <see cref="LooksAhead"/>; empty otherwise.</param>
    /// <param name="startHourOfDay">UTC hour of the day of the re-plan instant.</param>
    double[] HourOfDay(ReadOnlySpan<double> history, ReadOnlySpan<double> future, int startHourOfDay);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Tern.Backtest.Forecasts;

/// <summary>Reads the --forecast option.</summary>
public static partial class Forecasters
{
    public const string Help = "trailing-mean:<N>d, holt-winters[:<N>d] or oracle";

    /// <summary>The forecaster named by <paramref name="text"/>, or null with <paramref name="error"/> set.</summary>
    public static IForecaster? Parse(string text, out string? error)
    {
        error = null;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            error = $"--forecast '{text}' is not a forecast; use {Help}.";
            return null;
        }
        var kind = match.Groups["kind"].Value;
        int? days = match.Groups["days"].Success ? int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture) : null;
        if (kind == "oracle")
        {
            if (days is not null)
            {
                error = "--forecast oracle takes no history length.";
                return null;
            }
            return new OracleForecaster();
        }
        var history = days ?? 7;
        if (history is < 1 or > 60)
        {
            error = $"--forecast {text}: the history must be 1 to 60 days.";
            return null;
        }
        if (kind == "holt-winters" && history < 2)
        {
            error = "--forecast holt-winters needs at least 2 days of history (two daily seasons).";
            return null;
        }
        return kind == "trailing-mean" ? new TrailingMeanForecaster(history) : new HoltWintersForecaster(history);
    }

    [GeneratedRegex("^(?<kind>trailing-mean|holt-winters|oracle)(:(?<days>[0-9]{1,3})d)?$")]
    private static partial Regex Pattern();
}

using System.Globalization;
using Tern.Entities.Validation;

namespace Tern.Backtest;

/// <summary>Reads the option values of `tern backtest` that are more than a plain string.</summary>
public static class BacktestArguments
{
    /// <summary>A UTC day such as 2023-06-01.</summary>
    public static DateTime Day(string option, string text)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            throw new BacktestInputException($"{option} '{text}' is not a day; write it like 2023-06-01.");
        }
        return DateTime.SpecifyKind(day, DateTimeKind.Utc);
    }

    /// <summary>daily, hourly or a duration in whole hours (6h, 2d).</summary>
    public static TimeSpan Replan(string text) => text switch
    {
        "daily" => TimeSpan.FromDays(1),
        "hourly" => TimeSpan.FromHours(1),
        _ when Durations.TryParse(text, out var duration) && duration.Ticks % TimeSpan.TicksPerHour == 0 => duration,
        _ => throw new BacktestInputException($"--replan '{text}' is not daily, hourly or a whole number of hours such as 6h or 2d."),
    };

    /// <summary>Invocations per UTC hour of the day: one number for every hour, 24 comma-separated numbers, or
    /// diurnal:&lt;mean&gt; (a daytime peak at 15:00 UTC, the North American afternoon, at 1.6 × the mean and a night trough at 0.4 ×).</summary>
    public static IReadOnlyList<double> Invocations(string text)
    {
        if (text.StartsWith("diurnal:", StringComparison.Ordinal))
        {
            var mean = Number(text["diurnal:".Length..], text);
            return [.. Enumerable.Range(0, 24).Select(h => mean * (1 + 0.6 * Math.Cos(2 * Math.PI * (h - 15) / 24)))];
        }
        var parts = text.Split(',');
        if (parts.Length == 1)
        {
            return [.. Enumerable.Repeat(Number(parts[0], text), 24)];
        }
        if (parts.Length != 24)
        {
            throw new BacktestInputException($"--invocations '{text}': give one number, 24 comma-separated numbers (one per UTC hour) or " +
                $"diurnal:<mean>; got {parts.Length} numbers.");
        }
        return [.. parts.Select(p => Number(p, text))];
    }

    private static double Number(string part, string text) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new BacktestInputException($"--invocations '{text}': '{part}' is not a non-negative number.");
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Tern.Entities.Validation;

/// <summary>Durations written the way Kubernetes users write them: 30s, 15m, 6h, 7d or 1h30m.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration of one or more number+unit parts (d, h, m, s); false when malformed or zero.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !WholePattern().IsMatch(text))
        {
            return false;
        }
        foreach (Match part in PartPattern().Matches(text))
        {
            if (!long.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                return false;
            }
            duration += part.Groups["unit"].Value switch
            {
                "d" => TimeSpan.FromDays(n),
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        return duration > TimeSpan.Zero;
    }

    /// <summary>Writes a duration in the same notation, largest units first (1d6h, 90s → 1m30s).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }
        var text = "";
        if (duration.Days > 0) { text += $"{duration.Days}d"; }
        if (duration.Hours > 0) { text += $"{duration.Hours}h"; }
        if (duration.Minutes > 0) { text += $"{duration.Minutes}m"; }
        if (duration.Seconds > 0) { text += $"{duration.Seconds}s"; }
        return text;
    }

    [GeneratedRegex("^([0-9]+[dhms])+$")]
    private static partial Regex WholePattern();

    [GeneratedRegex("(?<n>[0-9]+)(?<unit>[dhms])")]
    private static partial Regex PartPattern();
}

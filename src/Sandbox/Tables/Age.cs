using System.Globalization;

namespace Tern.Sandbox.Tables;

/// <summary>A time span as kubectl shows ages ("45s", "3m12s", "5h", "2d3h"): the precision drops as the span
/// grows, in the same steps as Kubernetes' own table printer.</summary>
internal static class Age
{
    public static string Of(TimeSpan span)
    {
        var seconds = (long)span.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 120)
        {
            return Text(Math.Max(seconds, 0), "s");
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return Text(minutes, "m") + Rest(seconds % 60, "s");
        }
        if (minutes < 180)
        {
            return Text(minutes, "m");
        }
        var hours = minutes / 60;
        if (hours < 8)
        {
            return Text(hours, "h") + Rest(minutes % 60, "m");
        }
        if (hours < 48)
        {
            return Text(hours, "h");
        }
        if (hours < 24 * 8)
        {
            return Text(hours / 24, "d") + Rest(hours % 24, "h");
        }
        if (hours < 24 * 365 * 2)
        {
            return Text(hours / 24, "d");
        }
        return hours < 24 * 365 * 8 ? Text(hours / 24 / 365, "y") + Rest(hours / 24 % 365, "d") : Text(hours / 24 / 365, "y");
    }

    private static string Text(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;

    private static string Rest(long value, string unit) => value == 0 ? "" : Text(value, unit);
}

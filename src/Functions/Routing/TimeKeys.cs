using Tern.Aws.Placement;

namespace Tern.Functions.Routing;

/// <summary>Which time key of a placement applies at an instant: the one with the largest start hour at or before the
/// current UTC hour, or the last one before the first key of the day (the day wraps). Hours are compared as numbers;
/// comparing them as text puts "20" before "4" and picks the wrong key for half the day.</summary>
internal static class TimeKeys
{
    public static TimeKeyPlacement? At(IReadOnlyList<TimeKeyPlacement> keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return null;
        }
        var hour = now.UtcDateTime.Hour;
        var ordered = keys.OrderBy(k => k.StartHourUtc).ToList();
        return ordered.LastOrDefault(k => k.StartHourUtc <= hour) ?? ordered[^1];
    }
}

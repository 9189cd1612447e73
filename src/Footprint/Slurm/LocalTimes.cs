using System.Globalization;

namespace Tern.Footprint.Slurm;

/// <summary>Turns the local wall-clock times sacct prints into UTC instants in a time zone. Two wall-clock times need a
/// rule: one in the spring-forward gap never happened on a correct clock and is read with the offset before the change
/// (a clock that had not moved yet); one in the fall-back hour happened twice, so a start takes the first occurrence and
/// an end the first occurrence not before its start. Each such reading is noted, since only UTC output
/// (<c>TZ=UTC sacct …</c>) removes the doubt.</summary>
public static class LocalTimes
{
    /// <summary>The UTC instant of a start; <paramref name="note"/> says what was assumed, or is null.</summary>
    public static DateTimeOffset Start(DateTime local, TimeZoneInfo zone, out string? note) => Convert(local, zone, null, out note);

    /// <summary>The UTC instant of an end that follows <paramref name="start"/>; <paramref name="note"/> as for <see cref="Start"/>.</summary>
    public static DateTimeOffset End(DateTime local, TimeZoneInfo zone, DateTimeOffset start, out string? note) =>
        Convert(local, zone, start, out note);

    private static DateTimeOffset Convert(DateTime local, TimeZoneInfo zone, DateTimeOffset? notBefore, out string? note)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var text = unspecified.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (zone.IsInvalidTime(unspecified))
        {
            // The offset just before the gap: an hour earlier is always before a gap of up to an hour.
            var before = zone.GetUtcOffset(unspecified.AddHours(-1));
            var instant = new DateTimeOffset(unspecified, before).ToUniversalTime();
            note = $"{text} does not exist in {zone.Id} (the clocks went forward); read as {Utc(instant)}";
            return instant;
        }
        if (zone.IsAmbiguousTime(unspecified))
        {
            var candidates = zone.GetAmbiguousTimeOffsets(unspecified)
                .Select(offset => new DateTimeOffset(unspecified, offset).ToUniversalTime()).Order().ToList();
            var instant = notBefore is { } start ? candidates.FirstOrDefault(c => c >= start, candidates[^1]) : candidates[0];
            note = $"{text} happened twice in {zone.Id} (the clocks went back); read as {Utc(instant)}";
            return instant;
        }
        note = null;
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    internal static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Tern.Footprint.Integration;

/// <summary>A 30-minute settlement period of the UTC day, numbered 1 to 48 as the GB electricity market settles
/// (period 1 is 00:00–00:30 UTC). Energy is summed and charged per period.</summary>
public readonly record struct SettlementPeriod(DateTimeOffset Start)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(30);

    public DateTimeOffset End => Start + Length;

    /// <summary>1 to 48 within the UTC day.</summary>
    public int Number => (int)(Start.UtcDateTime.TimeOfDay.Ticks / Length.Ticks) + 1;

    /// <summary>The period that holds <paramref name="time"/>.</summary>
    public static SettlementPeriod Of(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new SettlementPeriod(new DateTimeOffset(utc.Ticks - (utc.Ticks % Length.Ticks), TimeSpan.Zero));
    }

    public override string ToString() => Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}

using Tern.Carbon.Bundled;

namespace Tern.Carbon.Aggregation;

/// <summary>Readings averaged into UTC hours over a window: a 30-minute or 5-minute reading belongs to the hour its
/// period starts in, so 23:30 counts for 23:00 of its own day, never for the next. Implausible values are
/// rejected and counted rather than averaged in; null values are gaps.</summary>
internal sealed class HourlySeries
{
    private HourlySeries(DateTimeOffset start, double?[] values, int rejected, CarbonReading? latest)
    {
        Start = start;
        Values = values;
        Rejected = rejected;
        Latest = latest;
    }

    /// <summary>Start of the first hour, UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The mean of each hour, or null when the hour had no usable reading.</summary>
    public IReadOnlyList<double?> Values { get; }

    /// <summary>Readings that were NaN, infinite, negative or above 2000 g/kWh.</summary>
    public int Rejected { get; }

    /// <summary>The newest accepted reading.</summary>
    public CarbonReading? Latest { get; }

    /// <summary>True when a value is a plausible grid intensity.</summary>
    public static bool IsPlausible(double value) => double.IsFinite(value) && value >= 0 && value <= CarbonHistory.MaxPlausibleGramsPerKwh;

    /// <summary>The hours of [<paramref name="from"/>, <paramref name="to"/>) (both truncated to the hour).</summary>
    public static HourlySeries Build(IEnumerable<CarbonReading> readings, DateTimeOffset from, DateTimeOffset to)
    {
        var start = TruncateToHour(from);
        var hours = (int)Math.Ceiling((TruncateToHour(to) - start).TotalHours);
        var sums = new double[Math.Max(hours, 0)];
        var counts = new int[sums.Length];
        var rejected = 0;
        CarbonReading? latest = null;
        foreach (var reading in readings)
        {
            if (reading.GramsPerKwh is not { } value)
            {
                continue;
            }
            var index = (int)Math.Floor((reading.Time.ToUniversalTime() - start).TotalHours);
            if (index < 0 || index >= sums.Length)
            {
                continue;
            }
            if (!IsPlausible(value))
            {
                rejected++;
                continue;
            }
            sums[index] += value;
            counts[index]++;
            if (latest is null || reading.Time > latest.Time)
            {
                latest = reading;
            }
        }
        var values = new double?[sums.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = counts[i] == 0 ? null : sums[i] / counts[i];
        }
        return new HourlySeries(start, values, rejected, latest);
    }

    public static DateTimeOffset TruncateToHour(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

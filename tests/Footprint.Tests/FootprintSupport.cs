using Tern.Carbon.History;
using Tern.Footprint.Integration;
using Tern.Footprint.Jobs;

namespace Tern.Footprint.Tests;

/// <summary>Builders shared by the footprint tests: power samples every 30 s, jobs, and an hourly intensity.</summary>
internal static class FootprintSupport
{
    public static readonly DateTimeOffset Day = new(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute, int second = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second);

    /// <summary>A sample every 30 s in [<paramref name="from"/>, <paramref name="to"/>] of <paramref name="series"/>, valued by
    /// <paramref name="value"/> from the seconds since <paramref name="from"/>; null leaves the sample out.</summary>
    public static IEnumerable<(string, double, DateTimeOffset)> Samples(string series, DateTimeOffset from, DateTimeOffset to,
        Func<int, double?> value)
    {
        for (var t = from; t <= to; t = t.AddSeconds(30))
        {
            if (value((int)(t - from).TotalSeconds) is { } v)
            {
                yield return (series, v, t);
            }
        }
    }

    public static BatchJob Job(string id, DateTimeOffset start, DateTimeOffset end, params string[] nodes) =>
        new(id, [new JobAllocation(id, start, end, nodes, false)], []);

    /// <summary>An hourly intensity from <paramref name="from"/>, one value per hour.</summary>
    public static PeriodIntensity Hourly(DateTimeOffset from, params double?[] gramsPerKwh) =>
        new(new IntensityHistory("Test", "GB", [.. gramsPerKwh.Select((g, i) => new IntensityReading(from.AddHours(i), g))], []));
}

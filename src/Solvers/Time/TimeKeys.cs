namespace Tern.Solvers.Time;

/// <summary>How a day is split into the periods a plan gives one placement each: 1, 2, 3, 4, 6, 8, 12
/// or 24 equal periods of whole hours (UTC). A key is the period's index, an integer, so keys order
/// and compare as numbers (Caribou compared them as strings, so "10" sorted before "2").</summary>
public sealed record TimeKeys
{
    /// <summary>The numbers of keys per day that split the day into equal whole hours.</summary>
    public static IReadOnlyList<int> AllowedPerDay { get; } = [1, 2, 3, 4, 6, 8, 12, 24];

    private TimeKeys(int perDay) => PerDay = perDay;

    /// <summary>Keys per day.</summary>
    public int PerDay { get; }

    /// <summary>Length of one period in hours.</summary>
    public int HoursPerKey => 24 / PerDay;

    /// <summary>The split into <paramref name="perDay"/> periods.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="perDay"/> does not divide the day into whole hours.</exception>
    public static TimeKeys Create(int perDay) =>
        AllowedPerDay.Contains(perDay)
            ? new TimeKeys(perDay)
            : throw new ArgumentOutOfRangeException(nameof(perDay), perDay,
                $"{perDay} time keys per day do not divide the day into equal whole hours; use one of {string.Join(", ", AllowedPerDay)}.");

    /// <summary>The key of the period that contains <paramref name="time"/> (read in UTC).</summary>
    public int KeyOf(DateTimeOffset time) => time.UtcDateTime.Hour / HoursPerKey;

    /// <summary>The UTC hour at which period <paramref name="key"/> starts.</summary>
    public int StartHour(int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(key, PerDay);
        return key * HoursPerKey;
    }

    /// <summary>The keys that cover any hour of <paramref name="window"/>, ascending; every key when it is null.</summary>
    public IEnumerable<int> Covering(HourWindow? window) =>
        window is null ? All : window.HoursOfDay.Select(h => h / HoursPerKey).Distinct().Order();

    /// <summary>Every key of the day, in order.</summary>
    public IEnumerable<int> All => Enumerable.Range(0, PerDay);
}

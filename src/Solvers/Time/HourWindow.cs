namespace Tern.Solvers.Time;

/// <summary>Hours of the day, UTC: <see cref="Hours"/> hours from <see cref="StartHour"/>, wrapping at midnight.</summary>
public sealed record HourWindow
{
    /// <summary>The window [startHour, startHour + hours) of the day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the start is not an hour of the day or the length is not 1 to 24 hours.</exception>
    public HourWindow(int startHour, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startHour, 23);
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 24);
        StartHour = startHour;
        Hours = hours;
    }

    /// <summary>First hour, 0–23.</summary>
    public int StartHour { get; }

    /// <summary>Length, 1–24 hours.</summary>
    public int Hours { get; }

    /// <summary>The hours of the day in the window, in order.</summary>
    public IEnumerable<int> HoursOfDay => Enumerable.Range(StartHour, Hours).Select(h => h % 24);
}

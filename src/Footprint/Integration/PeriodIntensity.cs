using Tern.Carbon.History;

namespace Tern.Footprint.Integration;

/// <summary>The grid intensity each settlement period is charged at: the reading whose own period holds the settlement
/// period's start. UK Carbon Intensity publishes 30-minute periods, which line up one to one; hourly providers give both
/// halves of an hour the hour's value.</summary>
public sealed class PeriodIntensity
{
    private readonly DateTimeOffset[] _starts;
    private readonly double?[] _values;

    public PeriodIntensity(IntensityHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        History = history;
        var readings = history.Readings.OrderBy(r => r.Start).DistinctBy(r => r.Start).ToList();
        _starts = [.. readings.Select(r => r.Start)];
        _values = [.. readings.Select(r => r.GramsPerKwh)];
        // The provider's step is the shortest distance between readings; an hour when there are too few to tell.
        var step = TimeSpan.FromHours(1);
        for (var i = 1; i < _starts.Length; i++)
        {
            var gap = _starts[i] - _starts[i - 1];
            step = gap < step ? gap : step;
        }
        Step = step;
    }

    public IntensityHistory History { get; }

    /// <summary>How long each reading holds: 30 minutes or an hour.</summary>
    public TimeSpan Step { get; }

    /// <summary>The period's intensity in g CO2e/kWh, or null with <paramref name="missing"/> saying why.</summary>
    public double? At(SettlementPeriod period, out string? missing)
    {
        var index = Array.BinarySearch(_starts, period.Start);
        index = index >= 0 ? index : ~index - 1;
        if (index < 0 || period.Start >= _starts[index] + Step)
        {
            missing = $"{History.Provider} has no intensity for zone {History.Zone} at {period}";
            return null;
        }
        if (_values[index] is not { } value)
        {
            missing = $"{History.Provider} reported a gap for zone {History.Zone} at {period}";
            return null;
        }
        missing = null;
        return value;
    }
}

namespace Tern.Carbon.Bundled;

/// <summary>The hourly carbon intensity of one grid zone, sorted by hour, plus the values that were rejected.</summary>
public sealed class ZoneSeries
{
    private readonly DateTime[] _hours;
    private readonly double[] _values;

    /// <param name="zone">Electricity Maps zone identifier.</param>
    /// <param name="hours">Start of each hour, UTC, strictly increasing.</param>
    /// <param name="values">gCO2e/kWh, one per hour.</param>
    /// <param name="rejected">Messages ("file:line: why") of the rows whose value was implausible and left out.</param>
    public ZoneSeries(string zone, DateTime[] hours, double[] values, IReadOnlyList<string> rejected)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(values);
        if (hours.Length != values.Length)
        {
            throw new ArgumentException("There must be one value per hour.", nameof(values));
        }
        Zone = zone;
        _hours = hours;
        _values = values;
        Rejected = rejected;
    }

    public string Zone { get; }

    /// <summary>Number of hours with a usable value.</summary>
    public int Count => _hours.Length;

    /// <summary>First hour with a value (UTC), or null when there is none.</summary>
    public DateTime? First => _hours.Length == 0 ? null : _hours[0];

    /// <summary>End of the last hour with a value (UTC), or null when there is none.</summary>
    public DateTime? End => _hours.Length == 0 ? null : _hours[^1].AddHours(1);

    /// <summary>Rows that were left out because their value was not a plausible intensity.</summary>
    public IReadOnlyList<string> Rejected { get; }

    /// <summary>Hours whose start lies in [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    public IEnumerable<(DateTime Hour, double Value)> Between(DateTime from, DateTime to)
    {
        var index = Array.BinarySearch(_hours, from);
        for (var i = index >= 0 ? index : ~index; i < _hours.Length && _hours[i] < to; i++)
        {
            yield return (_hours[i], _values[i]);
        }
    }
}

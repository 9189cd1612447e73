namespace Tern.Footprint.Power;

/// <summary>A stretch of measured power between two samples: linear from <paramref name="FromWatts"/> at
/// <paramref name="From"/> to <paramref name="ToWatts"/> at <paramref name="To"/> (the trapezoid rule), or constant for
/// a counter's increase spread over its interval.</summary>
public sealed record PowerSegment(DateTimeOffset From, DateTimeOffset To, double FromWatts, double ToWatts)
{
    /// <summary>The power at <paramref name="time"/> within the segment, by linear interpolation.</summary>
    public double WattsAt(DateTimeOffset time)
    {
        var span = (To - From).TotalSeconds;
        return span <= 0 ? FromWatts : FromWatts + (ToWatts - FromWatts) * (time - From).TotalSeconds / span;
    }
}

/// <summary>A node's measured power over a window: segments where samples were close enough to join, nothing where
/// they were not (a gap), and notes on samples left out.</summary>
public sealed record NodePower(string Node, IReadOnlyList<PowerSegment> Segments, IReadOnlyList<string> Notes);

/// <summary>Reads one node's power over a window from a metrics store.</summary>
public interface IPowerReader
{
    /// <summary>What the reader asks the store, for the report (the query template).</summary>
    string Description { get; }

    /// <exception cref="FootprintInputException">The store cannot be reached or refuses the query.</exception>
    Task<NodePower> ReadAsync(string node, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

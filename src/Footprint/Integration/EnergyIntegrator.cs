using Tern.Footprint.Power;

namespace Tern.Footprint.Integration;

/// <summary>Integrates a node's power over a job's interval, period by period: each segment is clipped to the interval
/// and cut at every period boundary, the power at a cut found by linear interpolation, and each piece's energy is its
/// trapezoid. Time the segments do not cover is reported, never filled with zero.</summary>
public static class EnergyIntegrator
{
    /// <summary>Energy and covered time per settlement period within [<paramref name="from"/>, <paramref name="to"/>), in
    /// period order; every period the interval touches is present, with zero coverage where no sample was.</summary>
    public static IReadOnlyList<PeriodEnergy> Integrate(IReadOnlyList<PowerSegment> segments, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var periods = new SortedDictionary<DateTimeOffset, (double Joules, List<(DateTimeOffset, DateTimeOffset)> Covered)>();
        for (var period = SettlementPeriod.Of(from); period.Start < to; period = new SettlementPeriod(period.End))
        {
            periods[period.Start] = (0, []);
        }
        foreach (var segment in segments)
        {
            var start = segment.From > from ? segment.From : from;
            var end = segment.To < to ? segment.To : to;
            while (start < end)
            {
                var period = SettlementPeriod.Of(start);
                var pieceEnd = period.End < end ? period.End : end;
                var joules = (segment.WattsAt(start) + segment.WattsAt(pieceEnd)) / 2 * (pieceEnd - start).TotalSeconds;
                var (sum, covered) = periods[period.Start];
                covered.Add((start, pieceEnd));
                periods[period.Start] = (sum + joules, covered);
                start = pieceEnd;
            }
        }
        return [.. periods.Select(p =>
        {
            var period = new SettlementPeriod(p.Key);
            var expected = (Min(period.End, to) - Max(period.Start, from)).TotalSeconds;
            return new PeriodEnergy(period, p.Value.Joules, Union(p.Value.Covered), expected);
        })];
    }

    // Seconds covered by at least one piece: pieces of several series (a counter per package) may overlap.
    private static double Union(List<(DateTimeOffset From, DateTimeOffset To)> pieces)
    {
        var total = 0.0;
        DateTimeOffset? start = null;
        DateTimeOffset end = default;
        foreach (var (a, b) in pieces.OrderBy(p => p.From))
        {
            if (start is null || a > end)
            {
                total += start is null ? 0 : (end - start.Value).TotalSeconds;
                start = a;
                end = b;
            }
            else if (b > end)
            {
                end = b;
            }
        }
        return total + (start is null ? 0 : (end - start.Value).TotalSeconds);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A node's energy in one period of a job.</summary>
/// <param name="CoveredSeconds">Time within the job's interval that power samples covered.</param>
/// <param name="ExpectedSeconds">Time within the job's interval that falls in the period.</param>
public sealed record PeriodEnergy(SettlementPeriod Period, double Joules, double CoveredSeconds, double ExpectedSeconds);

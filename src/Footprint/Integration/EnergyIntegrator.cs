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
        var first = SettlementPeriod.Of(from);
        var count = to <= from ? 0 : (int)Math.Ceiling((to - first.Start) / SettlementPeriod.Length);
        var joules = new double[count];
        var covered = new double[count];
        // Pieces taken in order of their start make the covered time a running union: several series (a counter per
        // package) may overlap, and overlapping time must count once.
        var coveredUntil = new DateTimeOffset[count];
        var ordered = IsSorted(segments) ? segments : [.. segments.OrderBy(s => s.From)];
        foreach (var segment in ordered)
        {
            var start = segment.From > from ? segment.From : from;
            var end = segment.To < to ? segment.To : to;
            while (start < end)
            {
                var index = (int)((start - first.Start).Ticks / SettlementPeriod.Length.Ticks);
                var periodEnd = first.Start + SettlementPeriod.Length * (index + 1);
                var pieceEnd = periodEnd < end ? periodEnd : end;
                joules[index] += (segment.WattsAt(start) + segment.WattsAt(pieceEnd)) / 2 * (pieceEnd - start).TotalSeconds;
                var newFrom = start > coveredUntil[index] ? start : coveredUntil[index];
                if (pieceEnd > newFrom)
                {
                    covered[index] += (pieceEnd - newFrom).TotalSeconds;
                    coveredUntil[index] = pieceEnd;
                }
                start = pieceEnd;
            }
        }
        var periods = new PeriodEnergy[count];
        for (var i = 0; i < count; i++)
        {
            var period = new SettlementPeriod(first.Start + SettlementPeriod.Length * i);
            var expected = (Min(period.End, to) - Max(period.Start, from)).TotalSeconds;
            periods[i] = new PeriodEnergy(period, joules[i], covered[i], expected);
        }
        return periods;
    }

    private static bool IsSorted(IReadOnlyList<PowerSegment> segments)
    {
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].From < segments[i - 1].From)
            {
                return false;
            }
        }
        return true;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A node's energy in one period of a job.</summary>
/// <param name="CoveredSeconds">Time within the job's interval that power samples covered.</param>
/// <param name="ExpectedSeconds">Time within the job's interval that falls in the period.</param>
public sealed record PeriodEnergy(SettlementPeriod Period, double Joules, double CoveredSeconds, double ExpectedSeconds);

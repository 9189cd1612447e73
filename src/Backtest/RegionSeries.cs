namespace Tern.Backtest;

/// <summary>The actual hourly intensity of one region over the backtest's span (history before the window, the
/// window, and a day after it for the oracle), as recorded and with short gaps filled.</summary>
/// <param name="Region">AWS region code.</param>
/// <param name="Zone">Grid zone its values come from.</param>
/// <param name="Values">gCO2e/kWh per hour from <see cref="ActualCarbon.Start"/>, gaps of at most
/// <see cref="ActualCarbon.MaxInterpolatedHours"/> hours interpolated with hindsight (for charging), NaN inside longer ones.</param>
/// <param name="YearShift">Whole years the values were taken from before the window (0 when the window's own year had data).</param>
/// <param name="Recorded">The same hours as recorded, NaN wherever no value was recorded: what a forecast may read.</param>
internal sealed record RegionSeries(string Region, string Zone, double[] Values, int YearShift, double[] Recorded)
{
    /// <summary>True when every hour in [from, to) (indices) has a value.</summary>
    public bool Covers(int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, Values.Length); i++)
        {
            if (double.IsNaN(Values[i]))
            {
                return false;
            }
        }
        return from >= 0 && to <= Values.Length;
    }

    /// <summary>The <paramref name="hours"/> values before index <paramref name="at"/> as a forecast made at that hour can
    /// know them: read only from recorded hours before <paramref name="at"/>. A gap whose both ends were recorded is
    /// interpolated; a gap still open at <paramref name="at"/> holds the last recorded value, because the value after it
    /// lies in the future. Null when a gap is longer than <see cref="ActualCarbon.MaxInterpolatedHours"/> hours (an open
    /// gap counting only the hours up to <paramref name="at"/>), or the history starts before the data.</summary>
    public double[]? HistoryBefore(int at, int hours)
    {
        var from = at - hours;
        if (from < 0 || at > Recorded.Length)
        {
            return null;
        }
        var history = new double[hours];
        var i = from;
        while (i < at)
        {
            if (!double.IsNaN(Recorded[i]))
            {
                history[i - from] = Recorded[i];
                i++;
                continue;
            }
            var gapStart = i;
            while (gapStart > 0 && double.IsNaN(Recorded[gapStart - 1]))
            {
                gapStart--;
            }
            var gapEnd = i;
            while (gapEnd < at && double.IsNaN(Recorded[gapEnd]))
            {
                gapEnd++;
            }
            if (gapEnd - gapStart > ActualCarbon.MaxInterpolatedHours || gapStart == 0)
            {
                return null;
            }
            var before = Recorded[gapStart - 1];
            var open = gapEnd == at;
            for (var k = i; k < gapEnd; k++)
            {
                history[k - from] = open ? before
                    : before + (Recorded[gapEnd] - before) * (k - gapStart + 1) / (gapEnd - gapStart + 1);
            }
            i = gapEnd;
        }
        return history;
    }
}

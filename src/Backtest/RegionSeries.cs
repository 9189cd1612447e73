namespace Tern.Backtest;

/// <summary>The actual hourly intensity of one region over the backtest's span (history before the window, the
/// window, and a day after it for the oracle), with gaps of at most <see cref="ActualCarbon.MaxInterpolatedHours"/>
/// hours interpolated and longer ones left as NaN.</summary>
/// <param name="Region">AWS region code.</param>
/// <param name="Zone">Grid zone its values come from.</param>
/// <param name="Values">gCO2e/kWh per hour from <see cref="ActualCarbon.Start"/>; NaN inside a long gap.</param>
/// <param name="YearShift">Whole years the values were taken from before the window (0 when the window's own year had data).</param>
internal sealed record RegionSeries(string Region, string Zone, double[] Values, int YearShift)
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
}

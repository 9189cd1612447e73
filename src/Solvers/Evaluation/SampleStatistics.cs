namespace Tern.Solvers.Evaluation;

/// <summary>Mean, confidence interval and percentiles of Monte Carlo samples.</summary>
internal static class SampleStatistics
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }

    /// <summary>Half-width of the 95 % confidence interval of the mean (normal approximation; n ≥ 256).</summary>
    public static double HalfWidth95(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }
        var sd = Math.Sqrt(squares / Math.Max(1, values.Length - 1));
        return 1.96 * sd / Math.Sqrt(values.Length);
    }

    /// <summary>Percentile with linear interpolation between order statistics (numpy's default), as Caribou reports tails.</summary>
    public static double Percentile(ReadOnlySpan<double> values, double percentile)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = percentile / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}

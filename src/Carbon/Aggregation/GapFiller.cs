namespace Tern.Carbon.Aggregation;

/// <summary>Fills short gaps of an hourly series and refuses long ones. A gap of up to <see cref="MaxGapHours"/>
/// hours between two readings is interpolated linearly; at either end of the window it takes the nearest reading
/// (providers publish the last hour or two late). A longer gap is not invented: the series is reported as stale.</summary>
internal static class GapFiller
{
    public const int MaxGapHours = 3;

    /// <summary>The filled series, or null with the longest gap in <paramref name="gap"/>.</summary>
    public static double[]? Fill(IReadOnlyList<double?> hours, out Gap? gap)
    {
        gap = null;
        var known = Enumerable.Range(0, hours.Count).Where(i => hours[i].HasValue).ToList();
        if (known.Count == 0)
        {
            gap = new Gap(0, hours.Count);
            return null;
        }
        var longest = new[]
        {
            new Gap(0, known[0]),
            new Gap(known[^1] + 1, hours.Count - known[^1] - 1),
        }.Concat(known.Zip(known.Skip(1), (a, b) => new Gap(a + 1, b - a - 1))).MaxBy(g => g.Hours)!;
        if (longest.Hours > MaxGapHours)
        {
            gap = longest;
            return null;
        }
        var filled = new double[hours.Count];
        for (var i = 0; i < filled.Length; i++)
        {
            filled[i] = hours[i] ?? Interpolate(hours, known, i);
        }
        return filled;
    }

    private static double Interpolate(IReadOnlyList<double?> hours, List<int> known, int i)
    {
        var next = known.BinarySearch(i);
        next = next >= 0 ? next : ~next;
        if (next == 0)
        {
            return hours[known[0]]!.Value;
        }
        if (next == known.Count)
        {
            return hours[known[^1]]!.Value;
        }
        int left = known[next - 1], right = known[next];
        double a = hours[left]!.Value, b = hours[right]!.Value;
        return a + ((b - a) * (i - left) / (right - left));
    }
}

/// <summary>Hours [<see cref="StartIndex"/>, StartIndex + <see cref="Hours"/>) of a series without readings.</summary>
internal sealed record Gap(int StartIndex, int Hours);

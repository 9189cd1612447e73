using Tern.Entities.Regions;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;

namespace Tern.Backtest;

/// <summary>The hourly intensities a backtest replays, per region, for the hours from <see cref="Start"/> (the
/// forecast's history before the window) to the end of the window plus one day (what the oracle looks at).
/// It decides, once and visibly, how missing data is handled: a zone without data in the window's year is read
/// from the same dates of the latest earlier year that has them (whole years, so hours of the day line up);
/// gaps of up to three hours are interpolated linearly for charging (hindsight is right there: the hour has passed);
/// longer gaps stay missing and drop the region from the periods that need them. Forecasts never read the interpolated
/// values: they fill gaps from the recorded hours before their instant only (<see cref="RegionSeries.HistoryBefore"/>).</summary>
internal sealed class ActualCarbon
{
    /// <summary>Gaps up to this long are interpolated; longer ones drop the region for the periods that need them.</summary>
    public const int MaxInterpolatedHours = 3;

    /// <summary>How many years back a zone's data may be borrowed from.</summary>
    public const int MaxYearShift = 3;

    private readonly Dictionary<string, RegionSeries> _regions;

    private ActualCarbon(DateTime start, DateTime windowStart, DateTime windowEnd, Dictionary<string, RegionSeries> regions, List<string> notes)
    {
        Start = start;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _regions = regions;
        Notes = notes;
    }

    /// <summary>First hour held (UTC): the window's start less the forecast's history.</summary>
    public DateTime Start { get; }

    public DateTime WindowStart { get; }

    /// <summary>End of the window (exclusive).</summary>
    public DateTime WindowEnd { get; }

    /// <summary>Hours in the window.</summary>
    public int WindowHours => (int)(WindowEnd - WindowStart).TotalHours;

    /// <summary>Index of the window's first hour in every series.</summary>
    public int WindowOffset => (int)(WindowStart - Start).TotalHours;

    /// <summary>What was shifted, interpolated or left missing, for the report.</summary>
    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<string> Regions => [.. _regions.Keys];

    public RegionSeries this[string region] => _regions[region];

    public bool Contains(string region) => _regions.ContainsKey(region);

    /// <summary>Index of <paramref name="time"/> in every series.</summary>
    public int IndexOf(DateTime time) => (int)(time - Start).TotalHours;

    /// <summary>Loads <paramref name="regions"/> for the window [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="BacktestInputException">A region is unknown, has no data in the window (the message names the
    /// region and the dates), or too little history before it for the forecast.</exception>
    public static ActualCarbon Load(CarbonHistory history, RegionCatalogue catalogue, IReadOnlyList<string> regions, DateTime from, DateTime to,
        int historyHours, string forecastName, bool shiftYears)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(regions);
        var start = from.AddHours(-historyHours);
        var end = to.AddDays(1);
        var notes = new List<string>();
        var loaded = new Dictionary<string, RegionSeries>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var entry = catalogue.Find(region) ?? throw new BacktestInputException($"Unknown region '{region}': it is not in the region catalogue " +
                $"(data/regions.csv).");
            var zone = entry.DefaultZone;
            var series = history.Find(zone) ?? throw new BacktestInputException(
                $"Region {region} (zone {zone}) has no carbon data at all: there is no data/carbon/{zone}.csv. Leave {region} out of --regions.");
            var shift = ChooseShift(series, from, to, shiftYears);
            if (shift is null)
            {
                throw new BacktestInputException($"Region {region} (zone {zone}) has no carbon data from {Day(from)} to {Day(to.AddDays(-1))}: " +
                    $"its data cover {Day(series.First!.Value)} to {Day(series.End!.Value.AddHours(-1))}. " +
                    (shiftYears
                        ? $"No earlier year (up to {MaxYearShift} back) has those dates either. Choose a window inside the data or leave {region} " +
                            $"out of --regions."
                        : $"Allow --missing-years shift to borrow an earlier year, or choose a window inside the data or leave {region} out of " +
                            $"--regions."));
            }
            var values = Read(series, start.AddYears(-shift.Value), end.AddYears(-shift.Value), (int)(end - start).TotalHours);
            var offset = (int)(from - start).TotalHours;
            CheckHistory(region, zone, values, offset, historyHours, forecastName, from, series, shift.Value);
            if (shift > 0)
            {
                notes.Add($"{region} (zone {zone}): no data for {from.Year}; the same dates {shift} year(s) earlier " +
                    $"({Day(from.AddYears(-shift.Value))} to " +
                    $"{Day(to.AddYears(-shift.Value).AddDays(-1))}) are replayed in their place, hour for hour (weekdays do not line up)");
            }
            var recorded = (double[])values.Clone();
            Interpolate(region, zone, values, start, notes);
            // The oracle may look a day past the window, beyond the data; the same hour a day earlier stands in.
            for (var i = (int)(to - start).TotalHours; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]))
                {
                    values[i] = values[i - 24];
                }
            }
            loaded[region] = new RegionSeries(region, zone, values, shift.Value, recorded);
        }
        return new ActualCarbon(start, from, to, loaded, notes);
    }

    // The window's own year when it has any data in the window; else the latest earlier year that does.
    private static int? ChooseShift(ZoneSeries series, DateTime from, DateTime to, bool shiftYears)
    {
        for (var shift = 0; shift <= (shiftYears ? MaxYearShift : 0); shift++)
        {
            if (series.Between(from.AddYears(-shift), to.AddYears(-shift)).Any())
            {
                return shift;
            }
        }
        return null;
    }

    private static double[] Read(ZoneSeries series, DateTime from, DateTime to, int hours)
    {
        var values = new double[hours];
        Array.Fill(values, double.NaN);
        foreach (var (hour, value) in series.Between(from, to))
        {
            var i = (int)(hour - from).TotalHours;
            if (i < hours)
            {
                values[i] = value;
            }
        }
        return values;
    }

    private static void CheckHistory(string region, string zone, double[] values, int offset, int historyHours, string forecastName, DateTime from,
        ZoneSeries series, int shift)
    {
        if (historyHours == 0)
        {
            return;
        }
        var firstKnown = Array.FindIndex(values, 0, offset, v => !double.IsNaN(v));
        // Less than a day of leeway: the forecast needs (nearly) all its history, and a window that starts before
        // the data does cannot be forecast honestly.
        if (firstKnown >= 0 && firstKnown <= MaxInterpolatedHours)
        {
            return;
        }
        // In the window's calendar: a zone replayed from an earlier year has its data moved forward by the shift.
        var available = firstKnown < 0 ? series.First!.Value.AddYears(shift) : from.AddHours(firstKnown - offset);
        var earliest = available.AddHours(historyHours);
        var suggested = earliest.TimeOfDay == TimeSpan.Zero ? earliest : earliest.Date.AddDays(1);
        var since = shift == 0
            ? $"has data only from {Time(available)}"
            : $"has no data for {from.Year} and is replayed from {from.Year - shift}, whose data start on {Time(available.AddYears(-shift))} " +
              $"({Time(available)} once moved to {from.Year})";
        var days = (int)Math.Floor((from - available).TotalHours / 24);
        var shorter = ShorterHistory(forecastName, days);
        throw new BacktestInputException($"The forecast {forecastName} needs {historyHours / 24} day(s) of history before {Day(from)}, but region " +
            $"{region} " +
            $"(zone {zone}) {since}: the window starts before the forecast's history exists. Start the window on {Day(suggested)} or later" +
            (shorter is null ? "." : $", or use a history that fits the data, --forecast {shorter}."));
    }

    // The longest history of the same kind the data before the window holds, or null when not even a day fits.
    private static string? ShorterHistory(string forecastName, int days) =>
        forecastName.StartsWith("holt-winters", StringComparison.Ordinal) && days >= 2 ? $"holt-winters:{days}d"
        : days >= 1 ? $"trailing-mean:{days}d"
        : null;

    private static void Interpolate(string region, string zone, double[] values, DateTime start, List<string> notes)
    {
        var interpolated = new List<string>();
        var i = 0;
        while (i < values.Length)
        {
            if (!double.IsNaN(values[i]))
            {
                i++;
                continue;
            }
            var gapStart = i;
            while (i < values.Length && double.IsNaN(values[i]))
            {
                i++;
            }
            var length = i - gapStart;
            var bounded = gapStart > 0 && i < values.Length;
            if (bounded && length <= MaxInterpolatedHours)
            {
                var before = values[gapStart - 1];
                var after = values[i];
                for (var k = 0; k < length; k++)
                {
                    values[gapStart + k] = before + (after - before) * (k + 1) / (length + 1);
                }
                interpolated.Add($"{Time(start.AddHours(gapStart))} ({length} h)");
            }
            else
            {
                notes.Add($"{region} (zone {zone}): no data from {Time(start.AddHours(gapStart))} to {Time(start.AddHours(i))} ({length} h, more " +
                    $"than " +
                    $"{MaxInterpolatedHours} h): the region is dropped from every period whose forecast or charging needs those hours");
            }
        }
        if (interpolated.Count > 0)
        {
            notes.Add($"{region} (zone {zone}): {interpolated.Count} gap(s) of at most {MaxInterpolatedHours} h interpolated linearly: " +
                $"{string.Join(", ", interpolated.Take(5))}" +
                (interpolated.Count > 5 ? ", …" : ""));
        }
    }

    internal static string Day(DateTime time) => time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

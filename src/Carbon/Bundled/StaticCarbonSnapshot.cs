using System.Globalization;
using Tern.Entities.Regions;
using Tern.Carbon;

namespace Tern.Carbon.Bundled;

/// <summary>What the Static carbon provider forecasts at one instant: for every AWS region, the mean intensity of
/// its grid zone at each hour of the day over a history window that ends at that instant (the HourOfDayMean method).</summary>
public sealed class StaticCarbonSnapshot : ICarbonProfile
{
    /// <summary>The end of June 2023. The bundled 2023 files cover nine of the ten development regions, and June
    /// 2023 is the month the Caribou paper evaluated, so results can be set beside its figures.</summary>
    public static readonly DateTimeOffset DefaultAt = new(2023, 7, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A week: every hour of the day is seen seven times, weekdays and a weekend included.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    private readonly Dictionary<string, RegionCarbonProfile> _regions;

    private StaticCarbonSnapshot(DateTimeOffset at, TimeSpan window, Dictionary<string, RegionCarbonProfile> regions)
    {
        At = at;
        Window = window;
        _regions = regions;
    }

    /// <summary>End of the history window (exclusive), UTC.</summary>
    public DateTimeOffset At { get; }

    public TimeSpan Window { get; }

    /// <summary>Start of the history window (inclusive), UTC.</summary>
    public DateTimeOffset From => At - Window;

    /// <summary>Every region of the catalogue the snapshot was made for, sorted by code.</summary>
    public IReadOnlyList<RegionCarbonProfile> Regions => [.. _regions.Values.OrderBy(r => r.Region, StringComparer.Ordinal)];

    /// <inheritdoc/>
    public string Description => $"carbon: mean intensity per UTC hour of the day from {Format(From)} to {Format(At)}";

    /// <summary>The region's carbon, or null for a region the catalogue does not know.</summary>
    public RegionCarbonProfile? Find(string region) => _regions.GetValueOrDefault(region);

    /// <summary>Builds the snapshot for every region of <paramref name="catalogue"/>. A region uses its catalogue default
    /// zone unless <paramref name="zoneOverrides"/> maps it to another (as a CarbonSource's spec.zoneOverrides does).</summary>
    public static StaticCarbonSnapshot Create(CarbonHistory history, RegionCatalogue catalogue, DateTimeOffset? at = null,
        TimeSpan? window = null, IReadOnlyDictionary<string, string>? zoneOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(catalogue);
        var end = (at ?? DefaultAt).ToUniversalTime();
        var span = window ?? DefaultWindow;
        if (span < TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(window), span,
                "The history window must be at least 24 hours: one value per hour of the day is needed.");
        }
        var regions = new Dictionary<string, RegionCarbonProfile>(StringComparer.Ordinal);
        foreach (var region in catalogue.All)
        {
            var zone = zoneOverrides?.GetValueOrDefault(region.Code) ?? region.DefaultZone;
            regions[region.Code] = Summarise(region.Code, zone, history.Find(zone), end - span, end);
        }
        return new StaticCarbonSnapshot(end, span, regions);
    }

    private static RegionCarbonProfile Summarise(string region, string zone, ZoneSeries? series, DateTimeOffset from, DateTimeOffset to)
    {
        if (series is null)
        {
            return new RegionCarbonProfile(region, zone, null, null, $"no carbon data for zone {zone}");
        }
        var sums = new double[24];
        var counts = new int[24];
        var total = 0.0;
        var hours = 0;
        foreach (var (hour, value) in series.Between(from.UtcDateTime, to.UtcDateTime))
        {
            sums[hour.Hour] += value;
            counts[hour.Hour]++;
            total += value;
            hours++;
        }
        // 24 distinct hours are the least that can give every hour of the day a value; gaps elsewhere are
        // fine as long as each hour of the day was seen at least once.
        var window = $"between {Format(from)} and {Format(to)}";
        if (hours < 24)
        {
            var only = hours == 0 ? "" : $" (only {hours} hours; 24 are needed)";
            return new RegionCarbonProfile(region, zone, null, null, $"no data for zone {zone} {window}{only}");
        }
        if (Array.IndexOf(counts, 0) is var missing and >= 0)
        {
            return new RegionCarbonProfile(region, zone, null, null, $"no data for zone {zone} at {missing:00}:00 UTC {window}");
        }
        return new RegionCarbonProfile(region, zone, [.. sums.Select((s, h) => s / counts[h])], total / hours, null);
    }

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}

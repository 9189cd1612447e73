using System.Globalization;
using Prometheus;
using Tern.Entities.CarbonSources;
using Tern.Entities.Conditions;

namespace Tern.Operator.Monitoring;

/// <summary>The tern_carbonsource_* and tern_region_carbon_intensity_* series, read at each scrape from the CarbonSources'
/// status, which holds the snapshot the last successful refresh kept (the one workflows plan with).</summary>
internal sealed class CarbonSourceMetrics
{
    private readonly StateSeries<Gauge.Child> _ready;
    private readonly StateSeries<Gauge.Child> _lastRefresh;
    private readonly StateSeries<Gauge.Child> _intensity;
    private readonly StateSeries<Gauge.Child> _hourly;

    public CarbonSourceMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _ready = StateSeries.Of(factory.CreateGauge("tern_carbonsource_ready", "1 while the CarbonSource has usable carbon data (Ready=True).",
            "carbonsource"));
        _lastRefresh = StateSeries.Of(factory.CreateGauge("tern_carbonsource_last_refresh_timestamp_seconds",
            "Time of the CarbonSource's last successful refresh (Unix time).", "carbonsource"));
        _intensity = StateSeries.Of(factory.CreateGauge("tern_region_carbon_intensity_grams_per_kwh",
            "Newest grid carbon intensity of the region's zone (g CO2e/kWh).", "carbonsource", "region"));
        _hourly = StateSeries.Of(factory.CreateGauge("tern_region_carbon_intensity_hourly_grams_per_kwh",
            "Grid carbon intensity of the region's zone at each UTC hour of the day, over the history window (g CO2e/kWh).",
            "carbonsource", "region", "hour"));
    }

    /// <summary>Publishes the series of <paramref name="sources"/> and removes every other CarbonSource's.</summary>
    public void Publish(IReadOnlyCollection<CarbonSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _ready.Publish(sources.Select(s => new Series([s.Metadata.Name], IsReady(s) ? 1 : 0)));
        _lastRefresh.Publish(sources.Where(s => s.Status?.LastRefreshTime is not null)
            .Select(s => new Series([s.Metadata.Name], s.Status!.LastRefreshTime!.Value.ToUnixTimeMilliseconds() / 1000.0)));
        var regions = sources.SelectMany(s => (s.Status?.Regions ?? []).Select(r => (Source: s.Metadata.Name, Region: r))).ToList();
        _intensity.Publish(regions.Where(r => r.Region.LatestGramsPerKwh is not null)
            .Select(r => new Series([r.Source, r.Region.Region], r.Region.LatestGramsPerKwh!.Value)));
        _hourly.Publish(regions.SelectMany(r => r.Region.HourlyGramsPerKwh.Select((value, hour) =>
            new Series([r.Source, r.Region.Region, hour.ToString(CultureInfo.InvariantCulture)], value))));
    }

    private static bool IsReady(CarbonSource source) =>
        source.Status?.Conditions.Any(c => c.Type == CarbonSourceConditionTypes.Ready && c.Status == ConditionStatus.True) == true;
}

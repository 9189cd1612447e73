using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Tern.Entities.Schema;

namespace Tern.Entities.CarbonSources;

/// <summary>The provider, its settings and how readings are aggregated.</summary>
[CelRule("self.provider != 'ElectricityMaps' || has(self.electricityMaps)", "spec.electricityMaps is required when provider is ElectricityMaps",
    FieldPath = ".electricityMaps")]
[CelRule("self.provider != 'WattTime' || has(self.wattTime)", "spec.wattTime is required when provider is WattTime", FieldPath = ".wattTime")]
[CelRule("self.provider != 'Prometheus' || has(self.prometheus)", "spec.prometheus is required when provider is Prometheus",
    FieldPath = ".prometheus")]
public sealed record CarbonSourceSpec
{
    /// <summary>Where the carbon intensity comes from. Static needs no account: it reads a CSV from a
    /// ConfigMap or the data bundled with Tern.</summary>
    [Required]
    public CarbonProvider Provider { get; init; } = CarbonProvider.Static;

    /// <summary>Settings of the Electricity Maps provider.</summary>
    public ElectricityMapsSettings? ElectricityMaps { get; init; }

    /// <summary>Settings of the WattTime provider.</summary>
    public WattTimeSettings? WattTime { get; init; }

    /// <summary>Settings of the UK Carbon Intensity provider (Great Britain only, used for eu-west-2).</summary>
    public UKCarbonIntensitySettings? UKCarbonIntensity { get; init; }

    /// <summary>Settings of the Prometheus provider.</summary>
    public PrometheusSettings? Prometheus { get; init; }

    /// <summary>Settings of the Static provider.</summary>
    public StaticSettings? Static { get; init; }

    /// <summary>Grid zone per AWS region, replacing the zone of Tern's region catalogue
    /// (for example us-west-2: US-NW-PACW).</summary>
    [MaxLength(64)]
    [ItemMaxLength(64)]
    public IReadOnlyDictionary<string, string> ZoneOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>How often readings are fetched, as a duration of at least 1m (for example 15m or 1h).</summary>
    [DefaultValue("1h")]
    [MaxLength(32)]
    public string RefreshInterval { get; init; } = "1h";

    /// <summary>How much history the hour-of-day profile is computed from (for example 7d).</summary>
    [DefaultValue("7d")]
    [MaxLength(32)]
    public string HistoryWindow { get; init; } = "7d";

    /// <summary>How the readings become the profile the planner uses.</summary>
    [DefaultValue(ForecastMethod.HourOfDayMean)]
    public ForecastMethod ForecastMethod { get; init; } = ForecastMethod.HourOfDayMean;
}

/// <summary>A source of grid carbon intensity.</summary>
public enum CarbonProvider
{
    ElectricityMaps,
    WattTime,
    UKCarbonIntensity,
    Prometheus,
    Static,
}

/// <summary>How readings become the hour-of-day profile.</summary>
public enum ForecastMethod
{
    /// <summary>The mean of each hour of the day over the history window.</summary>
    HourOfDayMean,
    /// <summary>Holt-Winters smoothing with daily seasonality (Caribou's method).</summary>
    HoltWinters,
    /// <summary>The provider's own forecast, where it has one.</summary>
    ProviderForecast,
}

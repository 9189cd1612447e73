using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Tern.Entities.CarbonSources;

/// <summary>A key of a Secret in the operator's namespace.</summary>
public sealed record SecretKeyRef
{
    /// <summary>Name of the Secret, in the namespace the operator runs in.</summary>
    [Required]
    [MaxLength(253)]
    public string Name { get; init; } = "";

    /// <summary>Key in the Secret's data.</summary>
    [Required]
    [MaxLength(253)]
    public string Key { get; init; } = "";
}

/// <summary>Settings of the Electricity Maps API (v3).</summary>
public sealed record ElectricityMapsSettings
{
    /// <summary>Base URL of the API.</summary>
    [DefaultValue("https://api.electricitymap.org/v3")]
    [MaxLength(2048)]
    public string Endpoint { get; init; } = "https://api.electricitymap.org/v3";

    /// <summary>Secret key that holds the API token, sent as the auth-token header.</summary>
    [Required]
    public SecretKeyRef TokenSecretRef { get; init; } = new();

    /// <summary>How a region is located: by grid zone, by the region's coordinates, or by Electricity
    /// Maps' own AWS data-centre mapping.</summary>
    [DefaultValue(LocationMode.Zone)]
    public LocationMode Location { get; init; } = LocationMode.Zone;

    /// <summary>Lifecycle (with upstream emissions) or direct (combustion only) emission factors.</summary>
    [DefaultValue(EmissionFactorType.Lifecycle)]
    public EmissionFactorType EmissionFactorType { get; init; } = EmissionFactorType.Lifecycle;
}

/// <summary>How Electricity Maps locates a region.</summary>
public enum LocationMode
{
    Zone,
    Coordinates,
    DataCenter,
}

/// <summary>Which emissions an intensity counts.</summary>
public enum EmissionFactorType
{
    Lifecycle,
    Direct,
}

/// <summary>Settings of the WattTime API (v3). WattTime publishes a marginal signal.</summary>
public sealed record WattTimeSettings
{
    /// <summary>Base URL of the API.</summary>
    [DefaultValue("https://api.watttime.org")]
    [MaxLength(2048)]
    public string Endpoint { get; init; } = "https://api.watttime.org";

    /// <summary>Secret with the WattTime user name and password, used to log in for a token.</summary>
    [Required]
    public CredentialsSecretRef CredentialsSecretRef { get; init; } = new();
}

/// <summary>A Secret that holds a user name and a password.</summary>
public sealed record CredentialsSecretRef
{
    /// <summary>Name of the Secret, in the namespace the operator runs in.</summary>
    [Required]
    [MaxLength(253)]
    public string Name { get; init; } = "";

    /// <summary>Key of the user name.</summary>
    [DefaultValue("username")]
    [MaxLength(253)]
    public string UsernameKey { get; init; } = "username";

    /// <summary>Key of the password.</summary>
    [DefaultValue("password")]
    [MaxLength(253)]
    public string PasswordKey { get; init; } = "password";
}

/// <summary>Settings of the UK National Grid Carbon Intensity API (no account needed).</summary>
public sealed record UKCarbonIntensitySettings
{
    /// <summary>Base URL of the API.</summary>
    [DefaultValue("https://api.carbonintensity.org.uk")]
    [MaxLength(2048)]
    public string Endpoint { get; init; } = "https://api.carbonintensity.org.uk";
}

/// <summary>Settings of a Prometheus server that already exports grid intensity.</summary>
public sealed record PrometheusSettings
{
    /// <summary>Base URL of the Prometheus HTTP API, for example http://prometheus.monitoring:9090.</summary>
    [Required]
    [MaxLength(2048)]
    public string Endpoint { get; init; } = "";

    /// <summary>PromQL query in g/kWh for one zone; {{zone}} is replaced by the zone, for example
    /// grid_intensity_gco2_per_kwh{zone="{{zone}}"}.</summary>
    [Required]
    [MaxLength(4096)]
    public string QueryTemplate { get; init; } = "";

    /// <summary>Secret key with a bearer token, when the server needs one.</summary>
    public SecretKeyRef? TokenSecretRef { get; init; }
}

/// <summary>Settings of the Static provider: a CSV with columns datetime_utc,zone,gco2_per_kwh.</summary>
public sealed record StaticSettings
{
    /// <summary>ConfigMap key holding the CSV, in the operator's namespace. Omit to use the data bundled with Tern.</summary>
    public ConfigMapKeyRef? ConfigMapRef { get; init; }
}

/// <summary>A key of a ConfigMap in the operator's namespace.</summary>
public sealed record ConfigMapKeyRef
{
    /// <summary>Name of the ConfigMap.</summary>
    [Required]
    [MaxLength(253)]
    public string Name { get; init; } = "";

    /// <summary>Key in the ConfigMap's data.</summary>
    [Required]
    [MaxLength(253)]
    public string Key { get; init; } = "";
}

using k8s.Models;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.Validation;

namespace Tern.Entities.Tests.Validation;

public class CarbonSourceValidatorTests
{
    private readonly CarbonSourceValidator _validator = new(RegionCatalogue.Bundled);

    private IReadOnlyList<ValidationError> Validate(CarbonSourceSpec spec, string name = "default") =>
        _validator.Validate(new CarbonSource { Metadata = new V1ObjectMeta { Name = name }, Spec = spec });

    private static readonly ElectricityMapsSettings ElectricityMaps = new() { TokenSecretRef = new SecretKeyRef { Name = "electricitymaps",
        Key = "token" } };

    [Fact]
    public void The_default_static_source_is_valid() => Assert.Empty(Validate(new CarbonSourceSpec()));

    [Fact]
    public void A_complete_electricity_maps_source_is_valid() =>
        Assert.Empty(Validate(new CarbonSourceSpec { Provider = CarbonProvider.ElectricityMaps, ElectricityMaps = ElectricityMaps }));

    [Theory]
    [InlineData(CarbonProvider.ElectricityMaps, "spec.electricityMaps")]
    [InlineData(CarbonProvider.WattTime, "spec.wattTime")]
    [InlineData(CarbonProvider.Prometheus, "spec.prometheus")]
    public void The_chosen_providers_settings_must_be_present(CarbonProvider provider, string path)
    {
        var error = Assert.Single(Validate(new CarbonSourceSpec { Provider = provider }));
        Assert.Equal(path, error.Path);
        Assert.Contains(provider.ToString(), error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_without_an_account_need_no_settings()
    {
        Assert.Empty(Validate(new CarbonSourceSpec { Provider = CarbonProvider.UKCarbonIntensity }));
        Assert.Empty(Validate(new CarbonSourceSpec { Provider = CarbonProvider.Static }));
    }

    [Fact]
    public void Secret_references_and_endpoints_must_be_well_formed()
    {
        var settings = new ElectricityMapsSettings { Endpoint = "ftp://example", TokenSecretRef = new SecretKeyRef { Name = "Bad_Name", Key = "" } };
        var paths = Validate(new CarbonSourceSpec { Provider = CarbonProvider.ElectricityMaps,
            ElectricityMaps = settings }).Select(e => e.Path).ToList();
        Assert.Equal(["spec.electricityMaps.endpoint", "spec.electricityMaps.tokenSecretRef.name", "spec.electricityMaps.tokenSecretRef.key"], paths);
    }

    [Fact]
    public void A_prometheus_query_must_say_where_the_zone_goes()
    {
        var settings = new PrometheusSettings { Endpoint = "http://prometheus:9090", QueryTemplate = "grid_intensity" };
        var error = Assert.Single(Validate(new CarbonSourceSpec { Provider = CarbonProvider.Prometheus, Prometheus = settings }));
        Assert.Equal("spec.prometheus.queryTemplate", error.Path);
        Assert.Contains("{{zone}}", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1m", true)]
    [InlineData("15m", true)]
    [InlineData("59s", false)]
    [InlineData("soon", false)]
    public void The_refresh_interval_is_at_least_a_minute(string interval, bool valid) =>
        Assert.Equal(valid, !Validate(new CarbonSourceSpec { RefreshInterval = interval }).Any(e => e.Path == "spec.refreshInterval"));

    [Fact]
    public void The_history_window_covers_at_least_a_day() =>
        Assert.Contains(Validate(new CarbonSourceSpec { HistoryWindow = "12h" }), e => e.Path == "spec.historyWindow");

    [Fact]
    public void Zone_overrides_need_known_regions_and_well_formed_zones()
    {
        var overrides = new Dictionary<string, string> { ["us-west-2"] = "US-NW-PACW", ["us-west-9"] = "US-X", ["eu-north-1"] = "SE SE3",
            ["us-east-2"] = "CAISO_NORTH" };
        var errors = Validate(new CarbonSourceSpec { ZoneOverrides = overrides });
        Assert.Equal(2, errors.Count);
        Assert.Contains("Did you mean 'us-west-1'", errors.Single(e => e.Path == "spec.zoneOverrides[\"us-west-9\"]").Problem,
            StringComparison.Ordinal);
        Assert.Contains("'SE SE3'", errors.Single(e => e.Path == "spec.zoneOverrides[\"eu-north-1\"]").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Validate(new CarbonSourceSpec { Provider = CarbonProvider.WattTime, RefreshInterval = "0s", HistoryWindow = "x",
            ZoneOverrides = new Dictionary<string, string> { ["nowhere"] = "Z" } }, name: "");
        Assert.Equal(["metadata.name", "spec.wattTime", "spec.refreshInterval", "spec.historyWindow", "spec.zoneOverrides.nowhere"],
            errors.Select(e => e.Path));
    }
}

using Tern.Carbon.Prometheus;
using Tern.Entities.CarbonSources;

namespace Tern.Carbon.Tests.Prometheus;

public class PrometheusConfigurationTests
{
    private static readonly PrometheusSettings Settings = new()
    {
        Endpoint = "https://prometheus.example.test",
        QueryTemplate = "grid_intensity{zone=\"{{zone}}\"}",
        TokenSecretRef = new() { Name = "prometheus", Key = "token" },
    };

    [Fact]
    public void ToString_shows_the_endpoint_and_query_but_never_the_token()
    {
        var printed = PrometheusConfiguration.Create(Settings, "prom-token-c3d9").ToString();

        Assert.DoesNotContain("prom-token-c3d9", printed, StringComparison.Ordinal);
        Assert.Contains("Endpoint = https://prometheus.example.test", printed, StringComparison.Ordinal);
        Assert.Contains("QueryTemplate = grid_intensity{zone=\"{{zone}}\"}", printed, StringComparison.Ordinal);
        Assert.Contains("Token = ***", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_says_when_there_is_no_token()
    {
        var printed = PrometheusConfiguration.Create(Settings with { TokenSecretRef = null }, null).ToString();

        Assert.Contains("Token = none", printed, StringComparison.Ordinal);
    }
}

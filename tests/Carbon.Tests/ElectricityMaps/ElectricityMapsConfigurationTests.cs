using Tern.Carbon.ElectricityMaps;
using Tern.Entities.CarbonSources;

namespace Tern.Carbon.Tests.ElectricityMaps;

public class ElectricityMapsConfigurationTests
{
    [Fact]
    public void ToString_shows_the_settings_but_never_the_token()
    {
        var settings = new ElectricityMapsSettings { TokenSecretRef = new() { Name = "electricitymaps", Key = "token" } };
        var configuration = ElectricityMapsConfiguration.Create(settings, " em-token-5f1c ");

        var printed = $"{configuration}";

        Assert.Equal("em-token-5f1c", configuration.Token);
        Assert.DoesNotContain("em-token-5f1c", printed, StringComparison.Ordinal);
        Assert.Contains("Endpoint = https://api.electricitymap.org/v3", printed, StringComparison.Ordinal);
        Assert.Contains("Token = ***", printed, StringComparison.Ordinal);
    }
}

using Tern.Carbon.WattTime;
using Tern.Entities.CarbonSources;

namespace Tern.Carbon.Tests.WattTime;

public class WattTimeConfigurationTests
{
    [Fact]
    public void ToString_shows_the_endpoint_but_never_the_user_name_or_password()
    {
        var settings = new WattTimeSettings { CredentialsSecretRef = new() { Name = "watttime" } };
        var configuration = WattTimeConfiguration.Create(settings, "wt-user-71d0", "wt-password-93ab");

        var printed = configuration.ToString();

        Assert.DoesNotContain("wt-user-71d0", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("wt-password-93ab", printed, StringComparison.Ordinal);
        Assert.Contains("Endpoint = https://api.watttime.org", printed, StringComparison.Ordinal);
    }
}

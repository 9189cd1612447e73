using Tern.Entities.Regions;
using Tern.Planning.BundledData;
using Tern.Planning.Workflows;

namespace Tern.Planning.Tests.Workflows;

public class CallLatencyModelTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    public void The_standard_normal_quantile_matches_known_values(double p, double z)
    {
        Assert.Equal(z, CallLatencyModel.StandardNormalQuantile(p), 1e-8);
    }

    [Fact]
    public void A_p90_equal_to_the_p50_gives_a_constant_latency()
    {
        Assert.All(CallLatencyModel.FromPercentiles(new LatencyPercentiles(20, 20)), s => Assert.Equal(0.07, s, 12));
    }

    [Fact]
    public void Great_circle_distances_are_plausible()
    {
        var catalogue = RegionCatalogue.Bundled;
        var london = catalogue.Find("eu-west-2")!;
        var paris = catalogue.Find("eu-west-3")!;
        Assert.InRange(CallLatencyModel.GreatCircleKm(london, paris), 335, 350);
        Assert.Equal(CallLatencyModel.GreatCircleKm(london, paris), CallLatencyModel.GreatCircleKm(paris, london), 9);
        Assert.Equal(0, CallLatencyModel.GreatCircleKm(london, london));
    }
}

using Tern.Aws.Placement;
using Tern.Functions.Routing;

namespace Tern.Functions.Tests.Routing;

public sealed class RouteResolverTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    private static PlacementTarget Target(string region) => new("b", region, $"arn:aws:lambda:{region}:1:function:b");

    private static PlacementRecord Record() => new()
    {
        Namespace = "tests",
        Workflow = "w",
        Version = 3,
        GeneratedAt = Expiry.AddDays(-1),
        ExpiresAt = Expiry,
        HomeRegion = "us-east-1",
        Home = new Dictionary<string, PlacementTarget> { ["b"] = Target("us-east-1"), ["c"] = Target("us-east-1") },
        TimeKeys = [new TimeKeyPlacement(0, new Dictionary<string, PlacementTarget> { ["b"] = Target("eu-west-1") })],
    };

    [Fact]
    public void A_current_plan_routes_to_the_planned_copy_with_home_as_the_fallback()
    {
        var route = RouteResolver.Resolve(Record(), "b", homeRun: false, Expiry.AddMinutes(-1));

        Assert.Equal(("eu-west-1", "us-east-1", RouteReason.Planned), (route.Target.Region, route.Home.Region, route.Reason));
    }

    [Fact]
    public void An_expired_plan_routes_home_from_the_instant_of_expiry()
    {
        var route = RouteResolver.Resolve(Record(), "b", homeRun: false, Expiry);

        Assert.Equal(("us-east-1", RouteReason.Expired), (route.Target.Region, route.Reason));
    }

    [Fact]
    public void A_home_run_routes_home_even_under_a_current_plan()
    {
        Assert.Equal("us-east-1", RouteResolver.Resolve(Record(), "b", homeRun: true, Expiry.AddHours(-2)).Target.Region);
    }

    [Fact]
    public void An_instance_the_time_key_does_not_name_runs_home()
    {
        Assert.Equal(RouteReason.NotPlanned, RouteResolver.Resolve(Record(), "c", homeRun: false, Expiry.AddHours(-2)).Reason);
    }

    [Fact]
    public void An_instance_without_a_home_copy_is_a_clear_routing_error()
    {
        var error = Assert.Throws<WorkflowRoutingException>(() => RouteResolver.Resolve(Record(), "zz", homeRun: false, Expiry.AddHours(-2)));

        Assert.Contains("no home copy for zz", error.Message, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Tern.Operator.Tests.Config;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The chart and config/default install the same operator: rendered with the same settings (on AWS, tables
/// in us-east-1, namespace tern-system), their RBAC grants, security contexts, probes, arguments, image, ports, resources,
/// volumes and environment are equal. Object names and the instance label differ by design.</summary>
public class ChartParityTests
{
    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> Chart = new(() => Helm.TemplateAsync("--set", "aws.region=us-east-1"));
    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> Kustomize = new(KustomizeAsync);

    [Theory]
    [InlineData("ClusterRole")]
    [InlineData("Role")]
    public async Task The_rbac_grants_are_the_same(string kind)
    {
        Assert.Equal(RbacGrants.Of((await Kustomize.Value).Single(kind)), RbacGrants.Of((await Chart.Value).Single(kind)));
    }

    [Theory]
    [InlineData("securityContext")]
    [InlineData("terminationGracePeriodSeconds")]
    [InlineData("volumes")]
    public async Task The_pod_field_is_the_same(string field)
    {
        var expected = Pod(await Kustomize.Value)[field];
        var actual = Pod(await Chart.Value)[field];
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"pod {field}: config/default {expected?.ToJsonString()} but the chart {actual?.ToJsonString()}");
    }

    [Theory]
    [InlineData("args")]
    [InlineData("image")]
    [InlineData("env")]
    [InlineData("ports")]
    [InlineData("startupProbe")]
    [InlineData("livenessProbe")]
    [InlineData("readinessProbe")]
    [InlineData("resources")]
    [InlineData("securityContext")]
    [InlineData("volumeMounts")]
    public async Task The_container_field_is_the_same(string field)
    {
        var expected = (await Kustomize.Value).Container()[field];
        var actual = (await Chart.Value).Container()[field];
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"container {field}: config/default {expected?.ToJsonString()} but the chart {actual?.ToJsonString()}");
    }

    [Fact]
    public async Task The_metrics_service_exposes_the_same_port()
    {
        var expected = (await Kustomize.Value).Single("Service")["spec"]!["ports"];
        var actual = (await Chart.Value).Single("Service")["spec"]!["ports"];
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{expected?.ToJsonString()} vs {actual?.ToJsonString()}");
    }

    [Fact]
    public async Task The_comparison_notices_a_difference()
    {
        // Shows the comparisons above can fail: another worker count changes the arguments.
        var other = await Helm.TemplateAsync("--set", "aws.region=us-east-1", "--set", "workers=3");
        Assert.False(JsonNode.DeepEquals((await Kustomize.Value).Container()["args"], other.Container()["args"]));
    }

    private static JsonNode Pod(IReadOnlyList<JsonObject> objects) => objects.Single("Deployment")["spec"]!["template"]!["spec"]!;

    private static async Task<IReadOnlyList<JsonObject>> KustomizeAsync()
    {
        var result = await Tools.RunAsync(Tools.Kubectl, ["kustomize", RepoPaths.Of("config", "default")]);
        Assert.True(result.ExitCode == 0, result.Output);
        return [.. YamlJson.ReadAll(result.Stdout).OfType<JsonObject>()];
    }
}

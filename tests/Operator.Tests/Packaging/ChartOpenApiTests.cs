using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>Every object the chart renders (CRDs included) and every object config/default renders is valid
/// against the Kubernetes 1.36 OpenAPI, strictly; the Prometheus Operator kinds, which that API does not
/// define, are checked by promtool (the rule groups) and by their required fields.</summary>
public class ChartOpenApiTests
{
    public static TheoryData<string> Renders() => ["defaults", "all features"];

    [Theory]
    [MemberData(nameof(Renders))]
    public async Task Every_rendered_kubernetes_object_validates_against_the_openapi(string render)
    {
        var objects = render == "defaults" ? await Helm.TemplateAsync("--include-crds") : await Helm.TemplateAllFeaturesAsync("--include-crds");
        Assert.Equal(2, objects.Count(o => o["kind"]!.GetValue<string>() == "CustomResourceDefinition"));
        foreach (var item in objects.Where(o => !o["apiVersion"]!.GetValue<string>().StartsWith("monitoring.coreos.com/", StringComparison.Ordinal)))
        {
            var errors = KubernetesOpenApi.Validate(item);
            Assert.True(errors.Count == 0, $"{item["kind"]}/{item["metadata"]!["name"]}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task Every_object_config_default_renders_validates_against_the_openapi()
    {
        var result = await Tools.RunAsync(Tools.Kubectl, ["kustomize", RepoPaths.Of("config", "default")]);
        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var item in YamlJson.ReadAll(result.Stdout).OfType<JsonObject>())
        {
            var errors = KubernetesOpenApi.Validate(item);
            Assert.True(errors.Count == 0, $"{item["kind"]}/{item["metadata"]!["name"]}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task A_misspelt_or_mistyped_field_is_an_error()
    {
        var deployment = (await Helm.TemplateAsync()).Single("Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["securityContext"]!["readOnlyRootFileSystem"] = true;
        container["ports"]![0]!["containerPort"] = "eighty";
        var errors = KubernetesOpenApi.Validate(deployment);
        Assert.Contains(errors, e => e.EndsWith(".readOnlyRootFileSystem: NoAdditionalPropertiesAllowed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith(".containerPort: IntegerExpected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_prometheus_rule_passes_promtool_and_the_service_monitor_has_what_the_operator_requires()
    {
        var objects = await Helm.TemplateAllFeaturesAsync();
        var rules = Path.Combine(Directory.CreateTempSubdirectory("tern-rule-").FullName, "rules.json");
        // A rules file is YAML, and JSON is YAML: the PrometheusRule's spec is exactly a rules file.
        await File.WriteAllTextAsync(rules, objects.Single("PrometheusRule")["spec"]!.ToJsonString());
        var check = await Tools.RunAsync(Tools.Promtool, ["check", "rules", rules]);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains($"SUCCESS: {AlertRulesTests.Alerts().Count} rules found", check.Output, StringComparison.Ordinal);
        var monitor = objects.Single("ServiceMonitor");
        Assert.Equal("monitoring.coreos.com/v1", monitor["apiVersion"]!.GetValue<string>());
        Assert.NotEmpty(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject());
        Assert.NotEmpty(monitor["spec"]!["endpoints"]!.AsArray());
    }
}

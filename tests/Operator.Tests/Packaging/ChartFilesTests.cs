using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>What charts/tern shares with the rest of the repository: the CRDs, the alerts and the dashboard are
/// byte-identical copies; names and labels come only from _helpers.tpl; every value is documented and in the schema.</summary>
public partial class ChartFilesTests
{
    [Theory]
    [InlineData("config/crds/tern.dev_serverlessworkflows.yaml", "charts/tern/crds/tern.dev_serverlessworkflows.yaml")]
    [InlineData("config/crds/tern.dev_carbonsources.yaml", "charts/tern/crds/tern.dev_carbonsources.yaml")]
    [InlineData("config/prometheus/tern-alerts.yaml", "charts/tern/files/tern-alerts.yaml")]
    [InlineData("config/grafana/tern-dashboard.json", "charts/tern/dashboards/tern-dashboard.json")]
    public void The_chart_copy_is_byte_identical_to_the_source(string source, string copy)
    {
        Assert.True(File.ReadAllBytes(RepoPaths.Of(source)).AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.Of(copy))),
            $"{copy} differs from {source}: cp {source} {copy}");
    }

    [Fact]
    public void The_chart_has_exactly_the_crds_config_has()
    {
        Assert.Equal(
            Directory.GetFiles(RepoPaths.Of("config", "crds"), "tern.dev_*.yaml").Select(Path.GetFileName).Order(),
            Directory.GetFiles(RepoPaths.Of("charts", "tern", "crds")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Only_the_helpers_spell_out_labels_or_names()
    {
        foreach (var template in Directory.GetFiles(RepoPaths.Of("charts", "tern", "templates")).Where(f => Path.GetFileName(f) != "_helpers.tpl"))
        {
            var text = File.ReadAllText(template);
            Assert.DoesNotContain("app.kubernetes.io/", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".Release.Name", text, StringComparison.Ordinal);
            // Every metadata.name is an include of a helper (or built from one).
            foreach (Match name in MetadataName().Matches(text))
            {
                Assert.Contains("include \"tern.", name.Groups["value"].Value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_value_is_in_the_readme_table_and_in_the_schema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("charts", "tern", "values.schema.json")))!;
        var values = Leaves(YamlJson.ReadSingle(File.ReadAllText(RepoPaths.Of("charts", "tern", "values.yaml"))), schema, "").ToList();
        Assert.Contains("metrics.serviceMonitor.enabled", values);
        Assert.Contains("resources", values);
        var readme = File.ReadAllText(RepoPaths.Of("charts", "tern", "README.md"));
        var documented = ReadmeKey().Matches(readme).Select(m => m.Groups["key"].Value).ToHashSet();
        Assert.Equal([], values.Where(v => !documented.Contains(v)).ToList());
        Assert.Equal([], documented.Where(d => !values.Contains(d)).ToList());
    }

    [Fact]
    public async Task The_chart_app_version_is_the_image_tag_of_the_container_properties_and_config()
    {
        var chart = YamlJson.ReadSingle(await File.ReadAllTextAsync(RepoPaths.Of("charts", "tern", "Chart.yaml")));
        var appVersion = chart["appVersion"]!.GetValue<string>();
        var props = await File.ReadAllTextAsync(RepoPaths.Of("src", "Operator", "Container.props"));
        Assert.Contains($"<ContainerImageTag>{appVersion}</ContainerImageTag>", props, StringComparison.Ordinal);
        var deployment = await File.ReadAllTextAsync(RepoPaths.Of("config", "manager", "deployment.yaml"));
        Assert.Contains($"image: ghcr.io/tern-dev/tern:{appVersion}", deployment, StringComparison.Ordinal);
    }

    /// <summary>Dotted paths of the values users set: a map whose schema names its properties is walked into, anything
    /// else (a scalar, a list, a Kubernetes object such as resources, a free map such as annotations) is one value.
    /// Fails on a value the schema does not name.</summary>
    private static IEnumerable<string> Leaves(JsonNode? node, JsonNode schema, string prefix)
    {
        if (node is not JsonObject map || schema["properties"] is not JsonObject properties)
        {
            return [prefix];
        }
        return map.SelectMany(p =>
        {
            var key = prefix.Length == 0 ? p.Key : $"{prefix}.{p.Key}";
            var child = properties[p.Key] ?? throw new Xunit.Sdk.XunitException($"values.schema.json has no property {key}");
            return Leaves(p.Value, child, key);
        });
    }

    [GeneratedRegex(@"^\|\s*`(?<key>[A-Za-z0-9_.]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex ReadmeKey();

    [GeneratedRegex(@"^  name: (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex MetadataName();
}

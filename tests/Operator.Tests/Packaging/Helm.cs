using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The real helm v4 against charts/tern, with its cache, configuration and data in a temporary folder
/// so a test run leaves nothing in the user's home. No command here talks to a cluster.</summary>
internal static class Helm
{
    public static readonly string Chart = RepoPaths.Of("charts", "tern");

    public static readonly string AllFeatures = RepoPaths.Of("charts", "tern", "ci", "all-features-values.yaml");

    private static readonly Lazy<Dictionary<string, string>> Environment = new(() =>
    {
        var home = Directory.CreateTempSubdirectory("tern-helm-").FullName;
        return new Dictionary<string, string>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
        };
    });

    public static Task<ToolResult> RunAsync(params string[] arguments) =>
        Tools.RunAsync(Tools.Helm, arguments, environment: Environment.Value, timeout: TimeSpan.FromMinutes(2));

    /// <summary>`helm template tern charts/tern -n tern-system` plus <paramref name="arguments"/>; fails on an error.</summary>
    public static async Task<IReadOnlyList<JsonObject>> TemplateAsync(params string[] arguments)
    {
        var result = await RunAsync(["template", "tern", Chart, "--namespace", "tern-system", .. arguments]);
        Assert.True(result.ExitCode == 0, $"helm template {string.Join(' ', arguments)} failed: {result.Output}");
        return [.. YamlJson.ReadAll(result.Stdout).OfType<JsonObject>()];
    }

    /// <summary>Every feature on: ci/all-features-values.yaml, with the Prometheus Operator's API announced.</summary>
    public static Task<IReadOnlyList<JsonObject>> TemplateAllFeaturesAsync(params string[] arguments) =>
        TemplateAsync(["-f", AllFeatures, "--api-versions", "monitoring.coreos.com/v1", .. arguments]);

    public static JsonObject Single(this IReadOnlyList<JsonObject> objects, string kind) =>
        objects.Single(o => o["kind"]!.GetValue<string>() == kind);

    public static JsonNode Container(this IReadOnlyList<JsonObject> objects) =>
        objects.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;

    public static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<string>())];
}

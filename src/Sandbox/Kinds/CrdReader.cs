using System.Globalization;
using System.Text.Json.Nodes;
using Tern.Sandbox.Http;
using Tern.Sandbox.Serialization;

namespace Tern.Sandbox.Kinds;

/// <summary>Reads the served kinds out of a CustomResourceDefinition (apiextensions.k8s.io/v1).</summary>
internal static class CrdReader
{
    public static IReadOnlyList<ResourceKind> Kinds(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? throw Invalid("spec", "Required value");
        var group = Text(spec, "group");
        var names = spec["names"] as JsonObject ?? throw Invalid("spec.names", "Required value");
        var plural = Text(names, "plural");
        var kind = Text(names, "kind");
        var namespaced = (spec["scope"]?.GetValue<string>() ?? "Namespaced") == "Namespaced";
        var versions = spec["versions"] as JsonArray ?? throw Invalid("spec.versions", "Required value");
        var served = versions.OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() ?? true).ToList();
        if (served.Count == 0)
        {
            throw Invalid("spec.versions", "Invalid value: must serve at least one version");
        }
        return [.. served.Select(version => new ResourceKind(group, Text(version, "name"), plural, kind, namespaced)
        {
            Singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
            ShortNames = Strings(names["shortNames"]),
            Categories = Strings(names["categories"]),
            HasStatus = version["subresources"]?["status"] is not null,
            HasGeneration = true,
            IsCustom = true,
            Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
            Columns = version["additionalPrinterColumns"] is JsonArray columns ? Columns(columns) : PrinterColumn.AgeOnly,
        })];
    }

    /// <summary>Sets the status a real server reports once a CRD is served: names accepted, Established.</summary>
    public static JsonObject WithStatus(JsonObject crd, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string reason) => new()
        {
            ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = "served by the loopback sandbox",
        };
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts"), Condition("Established", "InitialNamesAccepted")),
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. (crd["spec"]?["versions"] as JsonArray ?? [])
                .Where(v => v?["storage"] is JsonValue stored && stored.TryGetValue<bool>(out var yes) && yes)
                .Select(v => (JsonNode)JsonValue.Create(v!["name"]!.GetValue<string>()))]),
        };
        return crd;
    }

    private static PrinterColumn[] Columns(JsonArray columns) =>
    [
        .. columns.OfType<JsonObject>().Select(c => new PrinterColumn(Text(c, "name"), c["type"]?.GetValue<string>() ?? "string", Text(c, "jsonPath"),
            c["description"]?.GetValue<string>() ?? "", JsonNumbers.TryGetInt64(c["priority"], out var priority) ? (int)priority : 0,
            c["format"]?.GetValue<string>() ?? "")),
    ];

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(v => v!.GetValue<string>())] : [];

    private static string Text(JsonObject node, string field) =>
        node[field]?.GetValue<string>() is { Length: > 0 } value ? value : throw Invalid(field, "Required value");

    private static StatusException Invalid(string field, string problem) =>
        new(422, "Invalid", $"CustomResourceDefinition is invalid: {field}: {problem}");
}

using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>Validates a Kubernetes object against the release-1.36 OpenAPI definition of its apiVersion and kind
/// (Fixtures/k8s/objects-v1.36.schema.json), strictly: an unknown field is an error, as in kubeconform's strict
/// mode and a server-side apply with fieldValidation=Strict. IntOrString and Quantity accept a number or a string,
/// as the API server does.</summary>
internal static class KubernetesOpenApi
{
    private static readonly Lazy<JsonObject> Definitions = new(Load);
    private static readonly Dictionary<string, JsonSchema> Schemas = [];
    private static readonly Lock Gate = new();

    /// <summary>The problems found, as "path: kind" lines; empty when the object is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonObject item)
    {
        var apiVersion = item["apiVersion"]!.GetValue<string>();
        var kind = item["kind"]!.GetValue<string>();
        return [.. Flatten(SchemaFor(apiVersion, kind).Validate(item.ToJsonString())).Select(e => $"{e.Path}: {e.Kind}")];
    }

    private static JsonSchema SchemaFor(string apiVersion, string kind)
    {
        lock (Gate)
        {
            var key = $"{apiVersion}/{kind}";
            if (!Schemas.TryGetValue(key, out var schema))
            {
                var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
                var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
                var name = Definitions.Value.Single(d => d.Value!["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g =>
                    g!["group"]!.GetValue<string>() == group && g["version"]!.GetValue<string>() == version
                    && g["kind"]!.GetValue<string>() == kind)).Key;
                var root = new JsonObject { ["$ref"] = $"#/definitions/{name}", ["definitions"] = Definitions.Value.DeepClone() };
                schema = JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
                Schemas[key] = schema;
            }
            return schema;
        }
    }

    private static JsonObject Load()
    {
        var definitions = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("k8s", "objects-v1.36.schema.json")))!["definitions"]!.AsObject();
        foreach (var name in new[] { "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "io.k8s.apimachinery.pkg.api.resource.Quantity" })
        {
            definitions[name]!.AsObject().Remove("type");
            definitions[name]!["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "integer" });
        }
        // Strict: every definition with properties (and no map of its own) rejects fields it does not name.
        foreach (var (_, definition) in definitions)
        {
            if (definition is JsonObject { } d && d["properties"] is JsonObject && d["additionalProperties"] is null)
            {
                d["additionalProperties"] = false;
            }
        }
        return definitions;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return error;
            if (error is ChildSchemaValidationError child)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
        }
    }
}

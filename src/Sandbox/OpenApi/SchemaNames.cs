using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.OpenApi;

/// <summary>Where each kind's schema sits in the OpenAPI documents, and the schema itself with the
/// x-kubernetes-group-version-kind extension kubectl looks kinds up by.</summary>
internal static class SchemaNames
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    /// <summary>A built-in kind's definition name; a custom resource's is its reversed group, version and kind
    /// (dev.tern.v1alpha1.ServerlessWorkflow), as a real server names it.</summary>
    public static string Of(ResourceKind kind) =>
        kind.Definition ?? string.Join('.', kind.Group.Split('.').Reverse().Append(kind.Version).Append(kind.Kind));

    /// <summary>The kind's schema with its group-version-kind; <paramref name="reference"/> turns a definition name into a $ref.</summary>
    public static JsonObject Schema(ResourceKind kind, Func<string, string> reference)
    {
        JsonObject schema;
        if (kind.Definition is { } name && BuiltInDefinitions.Find(name) is { } definition)
        {
            schema = (JsonObject)Rewrite(definition, reference);
        }
        else if (kind.Schema is { } crd)
        {
            schema = (JsonObject)crd.DeepClone();
            if (schema["properties"] is JsonObject properties)
            {
                properties["metadata"] = new JsonObject
                {
                    ["description"] = "Standard object's metadata. More info: " +
                        "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = reference(ObjectMeta) }),
                };
            }
        }
        else
        {
            schema = new JsonObject
            {
                ["description"] = $"{kind.Kind} (stored by the sandbox without a schema).",
                ["type"] = "object",
                ["x-kubernetes-preserve-unknown-fields"] = true,
            };
        }
        schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = kind.Group, ["kind"] = kind.Kind,
            ["version"] = kind.Version });
        return schema;
    }

    /// <summary>The built-in definitions <paramref name="schemas"/> refer to, directly or not, rewritten for the document.</summary>
    public static IEnumerable<(string Name, JsonNode Schema)> Referenced(IEnumerable<JsonNode> schemas, Func<string, string> reference)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal) { ObjectMeta };
        var pending = new Stack<JsonNode>(schemas.Append(BuiltInDefinitions.Find(ObjectMeta)!));
        while (pending.TryPop(out var node))
        {
            foreach (var name in References(node))
            {
                if (found.Add(name) && BuiltInDefinitions.Find(name) is { } definition)
                {
                    pending.Push(definition);
                }
            }
        }
        return found.Where(n => BuiltInDefinitions.Find(n) is not null).Select(n => (n, Rewrite(BuiltInDefinitions.Find(n)!, reference)));
    }

    private static IEnumerable<string> References(JsonNode node) => node switch
    {
        JsonObject map => map.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v
            ? [v.GetValue<string>()[(v.GetValue<string>().LastIndexOf('/') + 1)..]]
            : p.Value is null ? [] : References(p.Value)),
        JsonArray list => list.Where(i => i is not null).SelectMany(i => References(i!)),
        _ => [],
    };

    private static JsonNode Rewrite(JsonNode node, Func<string, string> reference)
    {
        var copy = node.DeepClone();
        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject map:
                    if (map["$ref"] is JsonValue target)
                    {
                        var text = target.GetValue<string>();
                        map["$ref"] = reference(text[(text.LastIndexOf('/') + 1)..]);
                    }
                    foreach (var (_, child) in map.ToList())
                    {
                        Walk(child);
                    }
                    break;
                case JsonArray list:
                    foreach (var child in list)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(copy);
        return copy;
    }
}

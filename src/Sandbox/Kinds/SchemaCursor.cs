using System.Text.Json.Nodes;
using Tern.Sandbox.OpenApi;

namespace Tern.Sandbox.Kinds;

/// <summary>A position in a kind's schema, inline (a CRD's openAPIV3Schema) or by reference (a built-in kind's
/// definition), for what merges and field ownership need: the schema of a field or of list items, and how a list
/// merges (by key, as a set, or atomically). An unknown position is schema-less: maps by field, lists atomic.</summary>
internal readonly record struct SchemaCursor(JsonObject? Node)
{
    private const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public static SchemaCursor For(ResourceKind kind) =>
        new(kind.Schema ?? (kind.Definition is { } name ? BuiltInDefinitions.Find(name) : null));

    public SchemaCursor Field(string name)
    {
        if (Node is null)
        {
            return default;
        }
        var field = Node["properties"]?[name] as JsonObject ?? Node["additionalProperties"] as JsonObject;
        // A CRD declares metadata as a bare object; the server knows it as ObjectMeta.
        if (name == "metadata" && Node["properties"]?["apiVersion"] is not null)
        {
            return new SchemaCursor(BuiltInDefinitions.Find(ObjectMeta));
        }
        return new SchemaCursor(Resolve(field));
    }

    public SchemaCursor Items => Node?["items"] is JsonObject items ? new SchemaCursor(Resolve(items)) : default;

    /// <summary>The keys a list's items merge by (x-kubernetes-list-map-keys, or a built-in patch merge key); empty otherwise.</summary>
    public IReadOnlyList<string> MergeKeys
    {
        get
        {
            if (Node?["x-kubernetes-list-type"]?.GetValue<string>() == "map" && Node["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                return [.. keys.Select(k => k!.GetValue<string>())];
            }
            return Node?["x-kubernetes-patch-merge-key"]?.GetValue<string>() is { } key
                && Node["x-kubernetes-patch-strategy"]?.GetValue<string>()?.Contains("merge", StringComparison.Ordinal) == true ? [key] : [];
        }
    }

    /// <summary>A list of scalars merged as a set (x-kubernetes-list-type: set, or a built-in merge strategy).</summary>
    public bool IsSet =>
        Node?["x-kubernetes-list-type"]?.GetValue<string>() == "set"
        || Node?["x-kubernetes-patch-strategy"]?.GetValue<string>() == "merge" && Node["x-kubernetes-patch-merge-key"] is null;

    /// <summary>A map replaced as a whole (x-kubernetes-map-type: atomic).</summary>
    public bool IsAtomicMap => Node?["x-kubernetes-map-type"]?.GetValue<string>() == "atomic";

    private static JsonObject? Resolve(JsonObject? node)
    {
        var reference = node?["$ref"]?.GetValue<string>() ?? node?["allOf"]?[0]?["$ref"]?.GetValue<string>();
        return reference is null ? node : BuiltInDefinitions.Find(reference[(reference.LastIndexOf('/') + 1)..]);
    }
}

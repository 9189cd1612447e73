using System.Text.Json.Nodes;

namespace Tern.Sandbox.Validation;

/// <summary>Drops what a structural schema does not declare, as a real API server does for custom resources:
/// unknown fields (their paths are returned, for fieldValidation) and nulls where the schema is not nullable.</summary>
internal static class Pruning
{
    public static void Prune(JsonObject root, JsonObject schema, List<string> unknown)
    {
        foreach (var (field, value) in root.ToList())
        {
            if (field is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            PruneField(root, field, value, schema, "", unknown);
        }
    }

    private static void Prune(JsonNode? node, JsonObject schema, string path, List<string> unknown)
    {
        if (SchemaNode.PreservesUnknownFields(schema) && schema["properties"] is null)
        {
            return;
        }
        switch (node)
        {
            case JsonObject map:
                foreach (var (field, value) in map.ToList())
                {
                    PruneField(map, field, value, schema, path, unknown);
                }
                break;
            case JsonArray list when SchemaNode.Items(schema) is { } items:
                for (var i = 0; i < list.Count; i++)
                {
                    Prune(list[i], items, $"{path}[{i}]", unknown);
                }
                break;
        }
    }

    private static void PruneField(JsonObject map, string field, JsonNode? value, JsonObject schema, string path, List<string> unknown)
    {
        var child = SchemaNode.Child(path, field);
        if (!SchemaNode.Knows(schema, field))
        {
            map.Remove(field);
            unknown.Add(child);
            return;
        }
        if (SchemaNode.Property(schema, field) is not { } fieldSchema)
        {
            return;
        }
        if (value is null && !SchemaNode.Flag(fieldSchema, "nullable"))
        {
            map.Remove(field);
            return;
        }
        Prune(value, fieldSchema, child, unknown);
    }
}

using System.Text.Json.Nodes;

namespace Tern.Sandbox.Validation;

/// <summary>Fills in the schema's defaults where a field is missing, at every level, as a real API server does
/// for custom resources before validating them.</summary>
internal static class Defaulting
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (field, fieldSchema) in (schema["properties"] as JsonObject ?? []).ToList())
                {
                    if (fieldSchema is JsonObject s && !map.ContainsKey(field) && s["default"] is { } value && field != "metadata")
                    {
                        map[field] = value.DeepClone();
                    }
                }
                foreach (var (field, value) in map.ToList())
                {
                    if (field != "metadata" && SchemaNode.Property(schema, field) is { } fieldSchema)
                    {
                        Apply(value, fieldSchema);
                    }
                }
                break;
            case JsonArray list when SchemaNode.Items(schema) is { } items:
                foreach (var item in list)
                {
                    Apply(item, items);
                }
                break;
        }
    }
}

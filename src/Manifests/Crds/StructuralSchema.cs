using System.Text.Json.Nodes;

namespace Tern.Manifests.Crds;

/// <summary>Rewrites an exported JSON schema into the structural form the Kubernetes API server
/// requires: every node has one type, no $ref, no null in types or enums, keys in a stable order.</summary>
internal static class StructuralSchema
{
    // Keys a property adds on top of its type's schema; a $ref copies the type, not these.
    private static readonly string[] PropertyOnlyKeys = ["description", "default"];

    private static readonly string[] KeyOrder =
    [
        "description", "type", "format", "enum", "default",
        "minimum", "exclusiveMinimum", "maximum", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "minProperties", "maxProperties",
        "items", "properties", "additionalProperties", "required",
        "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-validations",
    ];

    public static JsonObject From(JsonObject exported) => (JsonObject)Normalize(exported, exported);

    private static JsonNode Normalize(JsonNode node, JsonObject root)
    {
        if (node is not JsonObject schema)
        {
            return node.DeepClone();
        }
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = (JsonObject)Normalize(Resolve(root, reference), root);
            foreach (var key in PropertyOnlyKeys)
            {
                target.Remove(key);
            }
            foreach (var (key, value) in schema.Where(p => p.Key != "$ref"))
            {
                target[key] = value?.DeepClone();
            }
            return Order(target);
        }
        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "$schema":
                    break;
                case "type":
                    result[key] = SingleType(value!);
                    break;
                case "enum":
                    result[key] = new JsonArray([.. ((JsonArray)value!).Where(v => v is not null).Select(v => v!.DeepClone())]);
                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, propertySchema) in (JsonObject)value!)
                    {
                        properties[name] = Normalize(propertySchema!, root);
                    }
                    result[key] = properties;
                    break;
                case "items" or "additionalProperties" when value is JsonObject:
                    result[key] = Normalize(value, root);
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }
        // String enums are exported without a type.
        if (!result.ContainsKey("type") && result["enum"] is JsonArray values
            && values.All(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            result["type"] = "string";
        }
        return Order(result);
    }

    private static JsonNode SingleType(JsonNode type) => type switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).Single(t => t != "null"),
        _ => type.DeepClone(),
    };

    private static JsonNode Resolve(JsonObject root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new InvalidOperationException($"Only local schema references can be inlined, found {reference}.");
        }
        JsonNode current = root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current[name] ?? throw new InvalidOperationException($"Schema reference {reference} points nowhere.");
        }
        return current;
    }

    private static JsonObject Order(JsonObject schema)
    {
        var ordered = new JsonObject();
        foreach (var key in KeyOrder.Where(schema.ContainsKey).Concat(schema.Select(p => p.Key).Where(k => !KeyOrder.Contains(k))
            .Order(StringComparer.Ordinal)))
        {
            ordered[key] = schema[key]?.DeepClone();
        }
        return ordered;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tern.Manifests.Tests.Crds;

/// <summary>The rules the API server enforces on a CRD's openAPIV3Schema beyond its JSON shape
/// (apiextensions-apiserver's structural schema and CEL checks), as far as they apply to Tern's CRDs.</summary>
internal static class StructuralRules
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];
    private static readonly string[] Forbidden = ["$ref", "allOf", "anyOf", "oneOf", "not", "definitions", "$schema", "nullable"];

    public static IReadOnlyList<string> Violations(JsonObject root, IReadOnlySet<string>? preserveUnknownAllowedAt = null)
    {
        var violations = new List<string>();
        if (root["properties"]?["metadata"] is JsonObject metadata && metadata.Any(p => p.Key != "type"))
        {
            violations.Add("metadata: only 'type: object' may be given; the API server owns the metadata schema");
        }
        foreach (var node in SchemaWalk.Nodes(root, "", isProperty: false))
        {
            var path = node.Path.Length == 0 ? "<root>" : node.Path;
            var schema = node.Schema;
            var preserve = schema["x-kubernetes-preserve-unknown-fields"] is not null;
            if (preserve && !(preserveUnknownAllowedAt?.Contains(node.Path) ?? false))
            {
                violations.Add($"{path}: x-kubernetes-preserve-unknown-fields where it is not intended");
            }
            if (schema["type"] is not JsonValue type || !Types.Contains(type.GetValue<string>()))
            {
                if (!preserve && schema["x-kubernetes-int-or-string"] is null)
                {
                    violations.Add($"{path}: no single type ({schema["type"]?.ToJsonString() ?? "missing"})");
                }
                continue;
            }
            var typeName = type.GetValue<string>();
            foreach (var key in Forbidden.Where(schema.ContainsKey))
            {
                violations.Add($"{path}: '{key}' is not allowed in a structural schema");
            }
            if (schema.ContainsKey("properties") && schema.ContainsKey("additionalProperties"))
            {
                violations.Add($"{path}: properties and additionalProperties together");
            }
            if (typeName == "array" && schema["items"] is not JsonObject)
            {
                violations.Add($"{path}: an array without items");
            }
            if (typeName != "object" && (schema.ContainsKey("properties") || schema.ContainsKey("additionalProperties")))
            {
                violations.Add($"{path}: properties on a {typeName}");
            }
            CheckListMap(path, schema, violations);
            CheckDefault(path, schema, violations);
            if (schema.ContainsKey("x-kubernetes-validations"))
            {
                CheckBoundedForCel(node.Path, schema, violations);
            }
        }
        return violations;
    }

    // Map keys must be present in every item, so they are required or defaulted and scalar.
    private static void CheckListMap(string path, JsonObject schema, List<string> violations)
    {
        if (schema["x-kubernetes-list-type"]?.GetValue<string>() != "map")
        {
            return;
        }
        var items = schema["items"] as JsonObject;
        var required = items?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var key in schema["x-kubernetes-list-map-keys"]?.AsArray().Select(k => k!.GetValue<string>()) ?? [])
        {
            var keySchema = items?["properties"]?[key];
            if (keySchema is null)
            {
                violations.Add($"{path}: list-map key '{key}' is not a property of the items");
            }
            else if (!required.Contains(key) && keySchema["default"] is null)
            {
                violations.Add($"{path}: list-map key '{key}' is neither required nor defaulted");
            }
        }
    }

    private static void CheckDefault(string path, JsonObject schema, List<string> violations)
    {
        if (schema["default"] is not { } value)
        {
            return;
        }
        var kind = value.GetValueKind();
        var fits = schema["type"]!.GetValue<string>() switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && Number(value) == Math.Floor(Number(value)),
            "number" => kind == JsonValueKind.Number,
            _ => false,
        };
        if (!fits)
        {
            violations.Add($"{path}: default {value.ToJsonString()} does not have the node's type");
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            violations.Add($"{path}: default {value.ToJsonString()} is not one of the enum values");
        }
        if (kind == JsonValueKind.Number)
        {
            var number = Number(value);
            if (schema["minimum"] is { } min && number < Number(min) || schema["maximum"] is { } max && number > Number(max))
            {
                violations.Add($"{path}: default {number} is outside minimum/maximum");
            }
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    // The API server estimates each CEL rule's cost from the largest possible input and rejects the CRD
    // when it is too high, so everything a rule can iterate over must be bounded.
    private static void CheckBoundedForCel(string path, JsonObject schema, List<string> violations)
    {
        foreach (var node in SchemaWalk.Nodes(schema, path))
        {
            var type = node.Schema["type"]?.GetValue<string>();
            if (type == "array" && node.Schema["maxItems"] is null)
            {
                violations.Add($"{node.Path}: an unbounded list under a CEL rule (add maxItems)");
            }
            if (type == "string" && node.Schema["maxLength"] is null && node.Schema["enum"] is null)
            {
                violations.Add($"{node.Path}: an unbounded string under a CEL rule (add maxLength)");
            }
            if (type == "object" && node.Schema["additionalProperties"] is not null && node.Schema["maxProperties"] is null)
            {
                violations.Add($"{node.Path}: an unbounded map under a CEL rule (add maxProperties)");
            }
        }
    }
}

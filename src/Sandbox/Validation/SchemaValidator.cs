using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tern.Sandbox.Serialization;

namespace Tern.Sandbox.Validation;

/// <summary>Checks a custom resource against its CRD's structural schema: types, enums, required fields,
/// bounds, patterns, formats, list-map and set uniqueness, and the CEL rules. A value equal to the one already
/// stored is not checked again (validation ratcheting), so an update may leave an older invalid field alone.</summary>
internal sealed class SchemaValidator(CelRules rules)
{
    public IReadOnlyList<FieldError> Validate(JsonObject value, JsonObject schema, JsonObject? old)
    {
        var errors = new List<FieldError>();
        foreach (var (field, child) in value)
        {
            if (field is not ("apiVersion" or "kind" or "metadata") && SchemaNode.Property(schema, field) is { } fieldSchema)
            {
                Check(child, fieldSchema, field, old?[field], old is not null && old.ContainsKey(field), errors);
            }
        }
        return errors;
    }

    private void Check(JsonNode? value, JsonObject schema, string path, JsonNode? old, bool hadOld, List<FieldError> errors)
    {
        if (hadOld && JsonNode.DeepEquals(value, old))
        {
            return;
        }
        if (value is null)
        {
            if (!SchemaNode.Flag(schema, "nullable"))
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body must be of type {SchemaNode.Type(schema) ?? "object"}: \"null\""));
            }
            return;
        }
        if (!CheckType(value, schema, path, errors))
        {
            return;
        }
        CheckEnum(value, schema, path, errors);
        switch (value)
        {
            case JsonObject map:
                CheckObject(map, schema, path, old as JsonObject, errors);
                break;
            case JsonArray list:
                CheckArray(list, schema, path, old as JsonArray, errors);
                break;
            default:
                CheckScalar((JsonValue)value, schema, path, errors);
                break;
        }
        errors.AddRange(rules.Check(value, schema, path, hadOld ? old : null));
    }

    private static bool CheckType(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        var type = SchemaNode.Type(schema);
        var kind = value.GetValueKind();
        var ok = type switch
        {
            null => true,
            _ when SchemaNode.Flag(schema, "x-kubernetes-int-or-string") => kind is JsonValueKind.String || JsonNumbers.IsInteger(value),
            "object" => kind is JsonValueKind.Object,
            "array" => kind is JsonValueKind.Array,
            "string" => kind is JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => JsonNumbers.IsInteger(value),
            "number" => kind is JsonValueKind.Number,
            _ => true,
        };
        if (!ok)
        {
            var actual = kind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => JsonNumbers.IsInteger(value) ? "integer" : "number",
                _ => "boolean",
            };
            errors.Add(new FieldError(path, "FieldValueTypeInvalid",
                $"Invalid value: {FieldError.Show(value)}: {path} in body must be of type {type}: \"{actual}\""));
        }
        return ok;
    }

    private static void CheckEnum(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var supported = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
            errors.Add(new FieldError(path, "FieldValueNotSupported", $"Unsupported value: {value.ToJsonString()}: supported values: {supported}"));
        }
    }

    private void CheckObject(JsonObject map, JsonObject schema, string path, JsonObject? old, List<FieldError> errors)
    {
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => !map.ContainsKey(r)))
        {
            errors.Add(FieldError.Required(SchemaNode.Child(path, required)));
        }
        if (SchemaNode.Number(schema, "maxProperties") is { } most && map.Count > most)
        {
            errors.Add(new FieldError(path, "FieldValueTooMany", $"Too many: {map.Count}: must have at most {most} items"));
        }
        if (SchemaNode.Number(schema, "minProperties") is { } least && map.Count < least)
        {
            errors.Add(FieldError.Invalid(path, map, $"{path} in body should have at least {least} properties"));
        }
        foreach (var (field, child) in map)
        {
            if (SchemaNode.Property(schema, field) is { } fieldSchema)
            {
                Check(child, fieldSchema, SchemaNode.Child(path, field), old?[field], old?.ContainsKey(field) == true, errors);
            }
        }
    }

    private void CheckArray(JsonArray list, JsonObject schema, string path, JsonArray? old, List<FieldError> errors)
    {
        if (SchemaNode.Number(schema, "maxItems") is { } most && list.Count > most)
        {
            errors.Add(new FieldError(path, "FieldValueTooMany", $"Too many: {list.Count}: must have at most {most} items"));
        }
        if (SchemaNode.Number(schema, "minItems") is { } least && list.Count < least)
        {
            errors.Add(FieldError.Invalid(path, list, $"{path} in body should have at least {least} items"));
        }
        var listType = SchemaNode.ListType(schema);
        var keys = SchemaNode.ListMapKeys(schema);
        var seen = new List<JsonNode?>();
        for (var i = 0; i < list.Count; i++)
        {
            var identity = listType == "map" && list[i] is JsonObject item ? new JsonObject(keys.Select(k => KeyValuePair.Create(k,
                item[k]?.DeepClone())))
                : listType == "set" ? list[i]?.DeepClone() : null;
            if (identity is not null && seen.Any(s => JsonNode.DeepEquals(s, identity)))
            {
                errors.Add(new FieldError($"{path}[{i}]", "FieldValueDuplicate", $"Duplicate value: {identity.ToJsonString()}"));
            }
            seen.Add(identity);
            if (SchemaNode.Items(schema) is { } items)
            {
                var before = listType == "map" && identity is JsonObject key ? old?.FirstOrDefault(o => Matches(o, key)) : null;
                Check(list[i], items, $"{path}[{i}]", before, before is not null, errors);
            }
        }
    }

    private static bool Matches(JsonNode? item, JsonObject key) => item is JsonObject o && key.All(k => JsonNode.DeepEquals(o[k.Key], k.Value));

    private static void CheckScalar(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (JsonNumbers.TryGetDouble(value, out var number))
        {
            if (SchemaNode.Number(schema, "minimum") is { } minimum && (number < minimum || SchemaNode.Flag(schema,
                "exclusiveMinimum") && number <= minimum))
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be greater than or equal to {Show(minimum)}"));
            }
            if (SchemaNode.Number(schema, "maximum") is { } maximum && (number > maximum || SchemaNode.Flag(schema,
                "exclusiveMaximum") && number >= maximum))
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be less than or equal to {Show(maximum)}"));
            }
            if (SchemaNode.Number(schema, "multipleOf") is { } factor && factor > 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be a multiple of {Show(factor)}"));
            }
            return;
        }
        if (value.GetValueKind() != JsonValueKind.String)
        {
            return;
        }
        var text = value.GetValue<string>();
        if (SchemaNode.Number(schema, "maxLength") is { } longest && text.Length > longest)
        {
            errors.Add(new FieldError(path, "FieldValueTooLong", $"Too long: may not be more than {Show(longest)} bytes"));
        }
        if (SchemaNode.Number(schema, "minLength") is { } shortest && text.Length < shortest)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be at least {Show(shortest)} chars long"));
        }
        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should match '{pattern}'"));
        }
        if (schema["format"]?.GetValue<string>() is { } format && !Formats.Accepts(format, text))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body must be of type {format}: {value.ToJsonString()}"));
        }
    }

    private static string Show(double number) => number.ToString(CultureInfo.InvariantCulture);
}

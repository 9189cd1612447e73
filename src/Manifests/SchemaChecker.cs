using System.Text.Json.Nodes;
using Tern.Entities.Validation;

namespace Tern.Manifests;

/// <summary>Checks a YAML document against a CRD's structural schema the way the API server's strict
/// decoding would (unknown and duplicate fields, wrong types, enums, sizes) and returns the JSON that
/// remains once the offending fields are dropped, so the semantic checks can still run on the rest.</summary>
internal sealed class SchemaChecker(int document, List<ManifestProblem> problems)
{
    // Aliases can make a small file expand enormously ("billion laughs"); stop well before memory runs out.
    private const int MaxNodes = 1_000_000;
    private int _visited;

    /// <summary>Where each JSON path was written, for pointing semantic errors at a line.</summary>
    public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths whose value was rejected and dropped.</summary>
    public List<string> RejectedPaths { get; } = [];

    public JsonNode? Check(YamlNode node, JsonObject schema, string path)
    {
        if (!Spend(path, node))
        {
            return null;
        }
        Positions.TryAdd(path, node.Position);
        if (node is YamlScalar scalar && ScalarTypes.Of(scalar) == ScalarTypes.Kind.Null)
        {
            // As on the API server, a null field counts as absent.
            return null;
        }
        if (schema["x-kubernetes-preserve-unknown-fields"]?.ToJsonString() == "true")
        {
            return Loose(node, path);
        }
        return schema["type"]?.GetValue<string>() switch
        {
            "object" => CheckObject(node, schema, path),
            "array" => CheckArray(node, schema, path),
            "string" => CheckString(node, schema, path),
            "integer" => CheckInteger(node, schema, path),
            "number" => CheckNumber(node, schema, path),
            "boolean" => CheckBoolean(node, path),
            _ => Loose(node, path),
        };
    }

    private JsonObject? CheckObject(YamlNode node, JsonObject schema, string path)
    {
        if (node is not YamlMapping mapping)
        {
            return Reject<JsonObject>(path, node, $"expected a mapping of fields, found {Describe(node)}.",
                "Write the fields as 'name: value' lines indented under the key.");
        }
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var result = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries.Select(e => (e.Key, e.Value)))
        {
            var key = keyNode.Value;
            var childPath = properties is not null || additional is null ? FieldPath.Field(path, key) : FieldPath.Key(path, key);
            if (!seen.Add(key))
            {
                Report(childPath, keyNode, $"the field '{key}' appears twice; the API server rejects duplicate fields.", "Keep one of them.");
                continue;
            }
            JsonNode? child;
            if (properties?[key] is JsonObject propertySchema)
            {
                child = Check(value, propertySchema, childPath);
            }
            else if (additional is not null)
            {
                child = Check(value, additional, childPath);
            }
            else if (properties is not null)
            {
                var known = properties.Select(p => p.Key).ToList();
                Reject<JsonNode>(childPath, keyNode, $"unknown field '{key}'.{Suggestions.DidYouMean(key, known)}",
                    $"Remove it or correct its name; the fields here are: {string.Join(", ", known)}.");
                continue;
            }
            else
            {
                child = Loose(value, childPath);
            }
            if (child is not null)
            {
                result[key] = child;
            }
        }
        CheckCount(path, node, result.Count, schema, "maxProperties", "entries");
        return result;
    }

    private JsonArray? CheckArray(YamlNode node, JsonObject schema, string path)
    {
        if (node is not YamlSequence sequence)
        {
            return Reject<JsonArray>(path, node, $"expected a list, found {Describe(node)}.", "Write each item on its own line starting with '- '.");
        }
        var itemSchema = schema["items"] as JsonObject ?? [];
        var result = new JsonArray();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (Check(sequence.Items[i], itemSchema, FieldPath.Index(path, i)) is { } item)
            {
                result.Add(item);
            }
        }
        CheckCount(path, node, sequence.Items.Count, schema, "maxItems", "items");
        return result;
    }

    private JsonValue? CheckString(YamlNode node, JsonObject schema, string path)
    {
        if (node is not YamlScalar scalar || ScalarTypes.Of(scalar) != ScalarTypes.Kind.String)
        {
            var quoted = node is YamlScalar s ? $" Put the value in quotes, \"{s.Value}\", if it is meant as text." : "";
            return Reject<JsonValue>(path, node, $"expected a string, found {Describe(node)}.", $"Write text here.{quoted}");
        }
        if (!InEnum(path, node, schema, scalar.Value))
        {
            return null;
        }
        if (AsLong(schema["maxLength"]) is { } maxLength && scalar.Value.Length > maxLength)
        {
            return Reject<JsonValue>(path, node, $"is {scalar.Value.Length} characters long; at most {maxLength} are allowed.", "Shorten it.");
        }
        return JsonValue.Create(scalar.Value);
    }

    private JsonValue? CheckInteger(YamlNode node, JsonObject schema, string path)
    {
        if (node is not YamlScalar scalar || ScalarTypes.Of(scalar) != ScalarTypes.Kind.Integer)
        {
            return Reject<JsonValue>(path, node, $"expected a whole number, found {Describe(node)}.",
                "Write an integer without quotes, such as 512.");
        }
        if (!ScalarTypes.TryToInteger(scalar.Value, out var value))
        {
            // A whole number, just more digits than any field holds.
            return scalar.Value.StartsWith('-')
                ? Reject<JsonValue>(path, node, $"{scalar.Value} is a whole number too small (min {AsLong(schema["minimum"]) ?? long.MinValue}).",
                    "Write a larger number.")
                : Reject<JsonValue>(path, node, $"{scalar.Value} is a whole number too large (max {AsLong(schema["maximum"]) ?? long.MaxValue}).",
                    "Write a smaller number.");
        }
        return InEnum(path, node, schema, value) ? JsonValue.Create(value) : null;
    }

    private JsonValue? CheckNumber(YamlNode node, JsonObject schema, string path)
    {
        if (node is not YamlScalar scalar || ScalarTypes.Of(scalar) is not (ScalarTypes.Kind.Integer or ScalarTypes.Kind.Float))
        {
            return Reject<JsonValue>(path, node, $"expected a number, found {Describe(node)}.", "Write a number without quotes, such as 0.5.");
        }
        var value = ScalarTypes.ToFloat(scalar.Value);
        if (!double.IsFinite(value))
        {
            return Reject<JsonValue>(path, node, $"'{scalar.Value}' is not a finite number.", "Write a finite number, such as 0.5.");
        }
        return JsonValue.Create(value);
    }

    private JsonValue? CheckBoolean(YamlNode node, string path)
    {
        if (node is not YamlScalar scalar || ScalarTypes.Of(scalar) != ScalarTypes.Kind.Boolean)
        {
            return Reject<JsonValue>(path, node, $"expected true or false, found {Describe(node)}.", "Write true or false without quotes.");
        }
        return JsonValue.Create(ScalarTypes.ToBoolean(scalar.Value));
    }

    private bool InEnum<T>(string path, YamlNode node, JsonObject schema, T value)
    {
        if (schema["enum"] is not JsonArray allowed)
        {
            return true;
        }
        var values = allowed.Select(v => v!.ToString()).ToList();
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (values.Contains(text, StringComparer.Ordinal))
        {
            return true;
        }
        Reject<JsonNode>(path, node, $"'{text}' is not one of: {string.Join(", ", values)}.{Suggestions.DidYouMean(text, values)}",
            "Use one of the listed values (they are case-sensitive).");
        return false;
    }

    private void CheckCount(string path, YamlNode node, int count, JsonObject schema, string maxKey, string noun)
    {
        if (AsLong(schema[maxKey]) is { } max && count > max)
        {
            Report(path, node, $"has {count} {noun}; at most {max} are allowed.", "Remove some.");
        }
    }

    private bool Spend(string path, YamlNode node)
    {
        if (++_visited <= MaxNodes)
        {
            return true;
        }
        if (_visited == MaxNodes + 1)
        {
            Report(path, node, $"the document expands to more than {MaxNodes:N0} values (through YAML aliases?); Tern stops reading it here.",
                "Write the object without deeply nested aliases.");
        }
        return false;
    }

    // Fields the schema leaves open are copied as they are, with YAML's own types.
    private JsonNode? Loose(YamlNode node, string path)
    {
        if (!Spend(path, node))
        {
            return null;
        }
        return node switch
        {
            YamlMapping mapping => new JsonObject(mapping.Entries
                .DistinctBy(e => e.Key.Value)
                .Select(e => KeyValuePair.Create(e.Key.Value, Loose(e.Value, FieldPath.Field(path, e.Key.Value))))),
            YamlSequence sequence => new JsonArray([.. sequence.Items.Select((item, i) => Loose(item, FieldPath.Index(path, i)))]),
            YamlScalar scalar => ScalarTypes.Of(scalar) switch
            {
                ScalarTypes.Kind.Null => null,
                ScalarTypes.Kind.Boolean => JsonValue.Create(ScalarTypes.ToBoolean(scalar.Value)),
                ScalarTypes.Kind.Integer when ScalarTypes.TryToInteger(scalar.Value, out var integer) => JsonValue.Create(integer),
                ScalarTypes.Kind.Float or ScalarTypes.Kind.Integer => JsonValue.Create(ScalarTypes.ToFloat(scalar.Value)),
                _ => JsonValue.Create(scalar.Value),
            },
            _ => null,
        };
    }

    // Schema numbers may be stored as int or long depending on how the schema was built.
    private static long? AsLong(JsonNode? node) =>
        node is null ? null : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(YamlNode node) => node switch
    {
        YamlMapping => "a mapping",
        YamlSequence => "a list",
        YamlScalar scalar => $"{ScalarTypes.Describe(ScalarTypes.Of(scalar))} ({Shorten(scalar.Value)})",
        _ => "something else",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private T? Reject<T>(string path, YamlNode node, string problem, string fix) where T : class
    {
        RejectedPaths.Add(path);
        Report(path, node, problem, fix);
        return null;
    }

    private void Report(string path, YamlNode node, string problem, string fix) =>
        problems.Add(new ManifestProblem(node.Position, document, path, problem, fix));
}

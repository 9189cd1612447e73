using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tern.Sandbox.Tables;

/// <summary>The JSONPath subset printer columns use: fields (<c>.spec.homeRegion</c>), indexes (<c>[0]</c>),
/// every item (<c>[*]</c>) and equality filters (<c>[?(@.type=="Ready")]</c>), with or without braces.</summary>
internal static partial class SimpleJsonPath
{
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        foreach (Match step in Steps().Matches(path.Trim().TrimStart('{').TrimEnd('}')))
        {
            current = [.. current.SelectMany(node => Step(node, step))];
        }
        return current;
    }

    /// <summary>The cell kubectl shows: the first value found, as text unless it is a number or a boolean.</summary>
    public static JsonNode? Cell(JsonNode? root, string path, string type)
    {
        var value = Evaluate(root, path).FirstOrDefault(v => v is not null);
        return value switch
        {
            null => null,
            JsonValue v when type is "integer" or "number" && v.GetValueKind() == JsonValueKind.Number => v.DeepClone(),
            JsonValue v when type == "boolean" && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.DeepClone(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
            _ => JsonValue.Create(value.ToJsonString()),
        };
    }

    private static IEnumerable<JsonNode?> Step(JsonNode? node, Match step)
    {
        if (step.Groups["field"].Success)
        {
            return node is JsonObject map && map.TryGetPropertyValue(step.Groups["field"].Value, out var child) ? [child] : [];
        }
        if (node is not JsonArray list)
        {
            return [];
        }
        if (step.Groups["index"].Success)
        {
            var index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
            index = index < 0 ? list.Count + index : index;
            return index >= 0 && index < list.Count ? [list[index]] : [];
        }
        if (step.Groups["all"].Success)
        {
            return list;
        }
        var field = step.Groups["filterField"].Value;
        var expected = step.Groups["filterValue"].Value;
        return list.Where(item => item is JsonObject o && o[field] is JsonValue v && Text(v) == expected);
    }

    private static string Text(JsonValue value) => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    [GeneratedRegex("""
        \.(?<field>[A-Za-z0-9_\-]+)
        | \[(?<index>-?\d+)\]
        | \[(?<all>\*)\]
        | \[\?\(@\.(?<filterField>[A-Za-z0-9_\-]+)\s*==\s*["'](?<filterValue>[^"']*)["']\)\]
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Steps();
}

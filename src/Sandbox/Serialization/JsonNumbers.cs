using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tern.Sandbox.Serialization;

/// <summary>Numbers in JSON nodes, whatever CLR type backs them (a long from YAML, a double from JSON, an element).</summary>
internal static class JsonNumbers
{
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A number without a fraction, as Kubernetes' "integer" accepts it (1 and 1.0, not 1.5).</summary>
    public static bool IsInteger(JsonNode? node) => TryGetDouble(node,
        out var value) && Math.Abs(value % 1) < double.Epsilon && Math.Abs(value) < 9.3e18;

    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (!IsInteger(node))
        {
            return false;
        }
        TryGetDouble(node, out var number);
        value = (long)number;
        return true;
    }
}

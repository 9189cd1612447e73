using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tern.Operator.Tests.Packaging;

/// <summary>A JSON value written as a Lua 5.1 table constructor, the shape Argo CD hands a health script as
/// `obj`: objects become tables with string keys, arrays tables indexed from 1, JSON null becomes an absent key.</summary>
internal static class LuaLiteral
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject map => "{" + string.Join(", ", map.Where(p => p.Value is not null).Select(p => $"[{Text(p.Key)}] = {Of(p.Value)}")) + "}",
        JsonArray list => "{" + string.Join(", ", list.Select(Of)) + "}",
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value when value.TryGetValue<string>(out var text) => Text(text),
        // JSON's number syntax (1, 2.5, 1E-05) is valid Lua number syntax.
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    /// <summary>A Lua string literal: printable ASCII as is, every other byte of the UTF-8 as a three-digit \ddd escape.</summary>
    public static string Text(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and < 0x7f && b != (byte)'"' && b != (byte)'\\')
            {
                literal.Append((char)b);
            }
            else
            {
                literal.Append(CultureInfo.InvariantCulture, $"\\{b:D3}");
            }
        }
        return literal.Append('"').ToString();
    }
}

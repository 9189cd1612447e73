using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tern.Sandbox.Serialization;

/// <summary>Reads JSON into nodes while noting duplicate fields, which <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// would reject outright; fieldValidation decides what a duplicate costs.</summary>
internal static class JsonReading
{
    public static DecodedBody Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var duplicates = new List<string>();
        if (!reader.Read())
        {
            return new DecodedBody(null, duplicates);
        }
        var value = ReadValue(ref reader, "", duplicates);
        if (reader.Read())
        {
            throw new JsonException("unexpected data after the JSON value");
        }
        return new DecodedBody(value, duplicates);
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path, List<string> duplicates)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var node = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    var child = ReadValue(ref reader, field, duplicates);
                    if (node.ContainsKey(name))
                    {
                        duplicates.Add(field);
                    }
                    node[name] = child;
                }
                return node;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, $"{path}[{array.Count}]", duplicates));
                }
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? JsonValue.Create(whole) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"unexpected {reader.TokenType} at {Encoding.UTF8.GetString(reader.ValueSpan)}");
        }
    }
}

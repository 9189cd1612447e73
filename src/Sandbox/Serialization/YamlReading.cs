using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tern.Sandbox.Serialization;

/// <summary>YAML (CRD files, apply-patch+yaml bodies) as JSON, with plain scalars typed as Kubernetes' YAML
/// reader types them: null, booleans (YAML 1.1 spellings included), integers, floats, else text.</summary>
internal static class YamlReading
{
    /// <summary>Every document of <paramref name="text"/>; a duplicate key is a <see cref="YamlException"/>.</summary>
    public static IReadOnlyList<JsonNode?> ReadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode))];
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => JsonValue.Create(true),
            "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when IsFloat(text) => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    private static bool IsFloat(string text) =>
        text.Any(char.IsDigit) && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Tern.Manifests;

/// <summary>What a plain YAML scalar means, read the way kubectl reads it (YAML 1.1: yes/no/on/off are
/// booleans too), so that `zone: NO` is caught here instead of surprising the user on the cluster.</summary>
internal static partial class ScalarTypes
{
    public enum Kind { Null, Boolean, Integer, Float, String }

    public static Kind Of(YamlScalar scalar)
    {
        switch (scalar.Tag)
        {
            case "tag:yaml.org,2002:str": return Kind.String;
            case "tag:yaml.org,2002:int": return Kind.Integer;
            case "tag:yaml.org,2002:float": return Kind.Float;
            case "tag:yaml.org,2002:bool": return Kind.Boolean;
            case "tag:yaml.org,2002:null": return Kind.Null;
        }
        if (!scalar.Plain)
        {
            return Kind.String;
        }
        var value = scalar.Value;
        if (NullPattern().IsMatch(value)) { return Kind.Null; }
        if (BooleanPattern().IsMatch(value)) { return Kind.Boolean; }
        if (IntegerPattern().IsMatch(value)) { return Kind.Integer; }
        if (FloatPattern().IsMatch(value)) { return Kind.Float; }
        return Kind.String;
    }

    public static bool ToBoolean(string value) => TrueWords().IsMatch(value);

    public static bool TryToInteger(string value, out long result)
    {
        var text = value.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        text = text.TrimStart('-', '+');
        var parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result)
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out result);
        if (negative)
        {
            result = -result;
        }
        return parsed;
    }

    public static double ToFloat(string value) => value.ToLowerInvariant() switch
    {
        ".inf" or "+.inf" => double.PositiveInfinity,
        "-.inf" => double.NegativeInfinity,
        ".nan" => double.NaN,
        _ => double.Parse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Null => "null",
        Kind.Boolean => "a boolean",
        Kind.Integer => "an integer",
        Kind.Float => "a number",
        _ => "a string",
    };

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BooleanPattern();

    [GeneratedRegex("^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$")]
    private static partial Regex TrueWords();

    [GeneratedRegex("^[-+]?(0|[1-9][0-9_]*)$|^0x[0-9a-fA-F_]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatPattern();
}

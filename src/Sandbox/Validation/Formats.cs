using System.Globalization;

namespace Tern.Sandbox.Validation;

/// <summary>The string formats a CRD schema can name that the sandbox checks; any other format is accepted.</summary>
internal static class Formats
{
    public static bool Accepts(string format, string text) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) && text.Contains('T',
            StringComparison.OrdinalIgnoreCase),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "byte" => IsBase64(text),
        "uuid" => Guid.TryParse(text, out _),
        _ => true,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}

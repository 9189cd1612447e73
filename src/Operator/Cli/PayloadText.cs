using System.Text.Json;

namespace Tern.Operator.Cli;

/// <summary>A --payload value: JSON text, or @file for a file holding it.</summary>
internal static class PayloadText
{
    /// <exception cref="UsageException">The file is missing or the text is not JSON; the message says which.</exception>
    public static string Read(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value;
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            if (!File.Exists(path))
            {
                throw new UsageException($"--payload {value}: the file {path} does not exist.");
            }
            text = File.ReadAllText(path);
        }
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--payload is not JSON ({e.Message}); give JSON text such as '{{\"text\":\"hello\"}}', or @file.", e);
        }
        return text;
    }
}

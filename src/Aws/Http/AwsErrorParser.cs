using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Tern.Aws.Http;

/// <summary>An AWS error answer reduced to its code and message.</summary>
internal sealed record AwsErrorBody(string? Code, string? Message);

/// <summary>Reads the error code and message from an AWS error answer, the way the SDKs do: the
/// <c>x-amzn-ErrorType</c> header (cut at ':'), else the JSON body's <c>__type</c> (after '#'), <c>code</c> or
/// <c>Code</c>, with <c>message</c> or <c>Message</c>. An XML body (<c>&lt;Code&gt;</c>/<c>&lt;Message&gt;</c>) is
/// read too, because some front ends answer signature failures in XML.</summary>
internal static class AwsErrorParser
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static AwsErrorBody Parse(HttpResponseHeaders headers, byte[] body)
    {
        var fromBody = ParseBody(body);
        var code = headers.TryGetValues(ErrorTypeHeader, out var values) ? CodeFromHeader(values.FirstOrDefault()) : null;
        return new AwsErrorBody(code ?? fromBody.Code, fromBody.Message);
    }

    public static AwsErrorBody ParseBody(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('{'))
        {
            return ParseJson(text);
        }
        return text.StartsWith('<') ? ParseXml(text) : new AwsErrorBody(null, null);
    }

    private static string? CodeFromHeader(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? value[..colon] : value).Trim();
    }

    private static AwsErrorBody ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new AwsErrorBody(null, null);
            }
            var code = String(root, "__type") is { } type ? AfterHash(type) : String(root, "code") ?? String(root, "Code");
            return new AwsErrorBody(code, String(root, "message") ?? String(root, "Message"));
        }
        catch (JsonException)
        {
            return new AwsErrorBody(null, null);
        }
    }

    private static string AfterHash(string type)
    {
        var hash = type.LastIndexOf('#');
        var code = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AwsErrorBody ParseXml(string text)
    {
        try
        {
            var document = XDocument.Parse(text);
            string? Find(string name) => document.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            return new AwsErrorBody(Find("Code"), Find("Message"));
        }
        catch (System.Xml.XmlException)
        {
            return new AwsErrorBody(null, null);
        }
    }
}

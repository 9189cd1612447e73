using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tern.Sandbox.Serialization;
using YamlDotNet.Core;

namespace Tern.Sandbox.Http;

/// <summary>One request's reading and answering: its body as JSON (or YAML), Warning headers, and JSON replies.</summary>
internal static class ApiContext
{
    private const int MaxBodyBytes = 3 * 1024 * 1024;

    public static async Task<DecodedBody> ReadBodyAsync(HttpRequest request, bool yamlAllowed)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new StatusException(413, "RequestEntityTooLarge", "the request body is larger than the API server's 3 MiB limit");
        }
        var bytes = buffer.ToArray();
        var contentType = request.ContentType ?? "";
        if (ProtobufReading.IsProtobuf(contentType))
        {
            return new DecodedBody(ProtobufReading.Read(bytes)
                ?? throw new StatusException(415, "UnsupportedMediaType",
                    "the sandbox reads protobuf bodies of Secrets, ConfigMaps and Namespaces only; send JSON"), []);
        }
        if (contentType.Contains("cbor", StringComparison.Ordinal))
        {
            throw new StatusException(415, "UnsupportedMediaType", $"the sandbox reads JSON (and YAML for apply) bodies, not {contentType}");
        }
        try
        {
            return JsonReading.Read(bytes);
        }
        catch (JsonException) when (yamlAllowed)
        {
            try
            {
                return new DecodedBody(YamlReading.ReadAll(Encoding.UTF8.GetString(bytes)) is [var first, ..] ? first : null, []);
            }
            catch (YamlException e)
            {
                throw new StatusException(400, "BadRequest", $"error decoding YAML: {e.Message}");
            }
        }
        catch (JsonException e)
        {
            throw new StatusException(400, "BadRequest", $"the body is not valid JSON: {e.Message}");
        }
    }

    public static async Task<(JsonObject Body, IReadOnlyList<string> Duplicates)> ReadObjectAsync(HttpRequest request, bool yamlAllowed = false)
    {
        var decoded = await ReadBodyAsync(request, yamlAllowed).ConfigureAwait(false);
        return decoded.Value is JsonObject body
            ? (body, decoded.DuplicateFields)
            : throw new StatusException(400, "BadRequest", "the body must be a JSON object");
    }

    public static async Task RespondAsync(HttpContext context, int code, JsonObject body, IEnumerable<string>? warnings = null,
        string contentType = "application/json")
    {
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning",
                $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}

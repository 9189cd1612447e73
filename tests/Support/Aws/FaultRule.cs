using System.Text.Json.Serialization;

namespace Tern.Tests.Support.Aws;

/// <summary>A fault the moto launcher injects (see moto_launcher.py): matching requests answer this instead of moto,
/// <see cref="Times"/> times.</summary>
public sealed record FaultRule
{
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary>A regular expression searched in the decoded path.</summary>
    [JsonPropertyName("path")] public string? Path { get; init; }

    /// <summary>The end of X-Amz-Target, e.g. CreateRepository.</summary>
    /// <summary>A regular expression searched in the raw query string ("^$": no query).</summary>
    [JsonPropertyName("query")] public string? Query { get; init; }

    [JsonPropertyName("target")] public string? Target { get; init; }

    [JsonPropertyName("region")] public string? Region { get; init; }

    [JsonPropertyName("times")] public int Times { get; init; } = 1;

    [JsonPropertyName("status")] public int? Status { get; init; }

    [JsonPropertyName("code")] public string? Code { get; init; }

    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>A canned body (JSON text) instead of an error.</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    [JsonPropertyName("delayMs")] public int? DelayMs { get; init; }

    /// <summary>Let moto handle the request first, then answer the fault: the call happened, its answer was lost.</summary>
    [JsonPropertyName("after")] public bool After { get; init; }
}

/// <summary>One request the launcher saw.</summary>
public sealed record SeenRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("rawUri")] string RawUri,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("service")] string Service);

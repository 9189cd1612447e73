using System.Net;

namespace Tern.Aws.Http;

/// <summary>A request to send, as data, so every attempt builds (and so signs) a fresh message.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">Path and query, already percent-encoded, e.g. /2015-03-31/functions/my-fn.</param>
internal sealed record AwsRequest(HttpMethod Method, string PathAndQuery)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Overrides the attempt timeout (a synchronous Invoke runs as long as the function does).</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>A successful answer.</summary>
internal sealed record AwsResponse(HttpStatusCode Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

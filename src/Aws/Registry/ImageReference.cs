namespace Tern.Aws.Registry;

/// <summary>An image named as host/repository@digest or host/repository:tag.</summary>
/// <param name="Host">The registry host, with a port if any (e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com).</param>
/// <param name="Repository">The repository path (e.g. shop/resize).</param>
/// <param name="Digest">sha256:{hex}, or null when named by tag.</param>
/// <param name="Tag">The tag, or null when named by digest.</param>
public sealed record ImageReference(string Host, string Repository, string? Digest, string? Tag)
{
    /// <summary>The digest, or else the tag: what the registry API calls the reference.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    public override string ToString() => Digest is not null ? $"{Host}/{Repository}@{Digest}" : $"{Host}/{Repository}:{Tag ?? "latest"}";

    /// <summary>Parses host/repository[:tag][@sha256:hex]. A host is required: Tern never guesses a default registry.</summary>
    /// <exception cref="FormatException">The text is not such a reference; the message says what is wrong.</exception>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!IsDigest(digest))
            {
                throw new FormatException($"Image '{text}': '{digest}' is not a digest of the form sha256:<64 hex digits>.");
            }
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !(rest[..slash].Contains('.', StringComparison.Ordinal) || rest[..slash].Contains(':', StringComparison.Ordinal) ||
                            rest[..slash] == "localhost"))
        {
            throw new FormatException(
                $"Image '{text}' names no registry host; write it in full, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/name@sha256:….");
        }
        var host = rest[..slash];
        var path = rest[(slash + 1)..];
        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
        }
        if (path.Length == 0 || path.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)))
        {
            throw new FormatException($"Image '{text}': the repository '{path}' must be non-empty lower-case.");
        }
        return new ImageReference(host, path, digest, digest is null ? tag ?? "latest" : tag);
    }

    /// <summary>True for sha256:{64 lower-case hex digits}.</summary>
    public static bool IsDigest(string? value) =>
        value is { Length: 71 } && value.StartsWith("sha256:", StringComparison.Ordinal)
            && value[7..].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}

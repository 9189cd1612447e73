using System.Text.Json;

namespace Tern.Aws.Registry;

/// <summary>The parts of an image manifest or index the copier needs: what it references.</summary>
internal sealed record OciManifest(string MediaType, bool IsIndex, IReadOnlyList<OciDescriptor> Blobs, IReadOnlyList<OciDescriptor> Manifests)
{
    public const string OciManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndexType = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestType = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerListType = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>What the copier asks registries for: single-platform manifests and indexes, OCI and Docker.</summary>
    public static readonly string[] Accepted = [OciIndexType, DockerListType, OciManifestType, DockerManifestType];

    /// <summary>Reads a manifest; <paramref name="headerType"/> is the Content-Type it came with, used when the body
    /// does not name its own media type.</summary>
    /// <exception cref="FormatException">The body is not a manifest or index.</exception>
    public static OciManifest Parse(ReadOnlySpan<byte> body, string? headerType)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var mediaType = root.TryGetProperty("mediaType", out var type) ? type.GetString() : null;
            mediaType ??= headerType ?? (root.TryGetProperty("manifests", out _) ? OciIndexType : OciManifestType);
            var isIndex = mediaType is OciIndexType or DockerListType;
            var manifests = isIndex ? Descriptors(root, "manifests") : [];
            var blobs = isIndex ? [] : Descriptors(root, "config").Concat(Descriptors(root, "layers")).ToList();
            return new OciManifest(mediaType, isIndex, blobs, manifests);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a JSON manifest ({e.Message})", e);
        }
    }

    private static List<OciDescriptor> Descriptors(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return [];
        }
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return [.. items.Select(d => new OciDescriptor(
            d.GetProperty("digest").GetString() ?? throw new FormatException($"a {name} descriptor has no digest"),
            d.TryGetProperty("size", out var size) ? size.GetInt64() : -1,
            d.TryGetProperty("mediaType", out var media) ? media.GetString() : null,
            d.TryGetProperty("platform", out var platform) && platform.TryGetProperty("architecture", out var arch) ? arch.GetString() : null))];
    }
}

/// <summary>A referenced blob or manifest.</summary>
internal sealed record OciDescriptor(string Digest, long Size, string? MediaType, string? Architecture);

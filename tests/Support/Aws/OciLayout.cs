using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tern.Tests.Support.Aws;

/// <summary>Writes a small multi-arch image as an OCI layout directory: per platform (amd64, arm64) three gzip
/// layers (one shared by both) and a config, a manifest per platform, and an index over both.</summary>
public sealed class OciLayout
{
    public const string Tag = "v1";

    private static readonly string[] HandlerCommand = ["handler"];

    private OciLayout(string directory, string indexDigest, IReadOnlyDictionary<string, string> platformDigests, IReadOnlySet<string> blobDigests)
    {
        Directory = directory;
        IndexDigest = indexDigest;
        PlatformDigests = platformDigests;
        BlobDigests = blobDigests;
    }

    public string Directory { get; }

    public string IndexDigest { get; }

    /// <summary>Architecture → platform manifest digest.</summary>
    public IReadOnlyDictionary<string, string> PlatformDigests { get; }

    /// <summary>Every distinct layer and config digest.</summary>
    public IReadOnlySet<string> BlobDigests { get; }

    /// <summary>The file holding the blob or manifest <paramref name="digest"/> (sha256:…).</summary>
    public string Blob(string digest) => Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>Writes the layout; a different <paramref name="variant"/> changes the function code layer, so every
    /// digest but the shared layer's changes too (a new build of the same function).</summary>
    public static OciLayout Write(string directory, string variant = "")
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        string Blob(byte[] bytes)
        {
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest[7..]), bytes);
            return digest;
        }
        object Descriptor(string mediaType, byte[] bytes, object? platform = null) =>
            platform is null ? new { mediaType, digest = Blob(bytes), size = bytes.Length }
                : new { mediaType, digest = Blob(bytes), size = bytes.Length, platform };

        var shared = Gzip("shared base layer\n", 4096);
        var platforms = new Dictionary<string, string>(StringComparer.Ordinal);
        var manifests = new List<object>();
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            byte[][] layers = [shared, Gzip($"{architecture} runtime\n", 20000), Gzip($"{architecture} function code{variant}\n", 3000)];
            var diffIds = layers.Select(l => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Gunzip(l)))).ToArray();
            var config = Json(new { architecture, os = "linux", rootfs = new { type = "layers", diff_ids = diffIds },
                config = new { Cmd = HandlerCommand } });
            var manifest = Json(new
            {
                schemaVersion = 2,
                mediaType = "application/vnd.oci.image.manifest.v1+json",
                config = Descriptor("application/vnd.oci.image.config.v1+json", config),
                layers = layers.Select(l => Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", l)).ToArray(),
            });
            foreach (var digest in layers.Append(config).Select(b => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(b))))
            {
                blobs.Add(digest);
            }
            var descriptor = Descriptor("application/vnd.oci.image.manifest.v1+json", manifest, new { architecture, os = "linux" });
            platforms[architecture] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
            manifests.Add(descriptor);
        }
        var index = Json(new { schemaVersion = 2, mediaType = "application/vnd.oci.image.index.v1+json", manifests });
        var indexDigest = Blob(index);
        File.WriteAllBytes(Path.Combine(directory, "index.json"), Json(new
        {
            schemaVersion = 2,
            manifests = new[]
            {
                new { mediaType = "application/vnd.oci.image.index.v1+json", digest = indexDigest, size = index.Length,
                      annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = Tag } },
            },
        }));
        return new OciLayout(directory, indexDigest, platforms, blobs);
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>A tar-like payload (the registry never unpacks it) of a repeated line, gzipped deterministically.</summary>
    private static byte[] Gzip(string line, int repeat)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, repeat / line.Length + 1)));
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(text);
        }
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

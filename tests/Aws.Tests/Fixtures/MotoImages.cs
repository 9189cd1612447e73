using System.Security.Cryptography;
using System.Text;
using Tern.Aws.Lambda;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Fixtures;

/// <summary>Image manifests seeded into moto's ECR, and copies that run them.</summary>
internal static class MotoImages
{
    public const string Repository = "tern-fn";

    /// <summary>A distinct single-platform manifest per <paramref name="version"/>.</summary>
    public static string Manifest(int version) =>
        """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{""" +
        $$"""
        "mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{Hex($"config{version}")}}","size":{{100 + version}}},
        """.Trim() +
        $$"""
        "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{{Hex($"layer{version}")}}","size":{{200 + version}}}]}
        """.Trim();

    public static string Digest(int version) => "sha256:" + Hex(Manifest(version));

    public static string Uri(string region, int version) =>
        $"{MotoServer.AccountId}.dkr.ecr.{region}.amazonaws.com/{Repository}@{Digest(version)}";

    public static async Task SeedAsync(MotoServer moto, IEnumerable<string> regions, params int[] versions)
    {
        foreach (var region in regions)
        {
            foreach (var version in versions)
            {
                await moto.SeedImageAsync(region, Repository, Manifest(version));
            }
        }
    }

    public static FunctionCopy Copy(string name, string region, int version, string workflow = "orders", int memoryMiB = 256) => new()
    {
        FunctionName = name,
        Region = region,
        ImageUri = Uri(region, version),
        MemoryMiB = memoryMiB,
        TimeoutSeconds = 30,
        Architecture = "x86_64",
        RoleArn = MotoServer.RoleArn,
        Environment = new Dictionary<string, string> { ["STAGE"] = "test" },
        Owner = new CopyOwner("shop", workflow, name.Split('-')[^1]),
    };

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using Xunit;

namespace Tern.Tests.Support.Aws;

/// <summary>Two of Debian's docker-registry (the CNCF distribution registry) on free loopback ports, standing for
/// the registries of two regions, each with its own config and temporary storage. The first is seeded with a
/// multi-arch image the fixture writes as an OCI layout and pushes with skopeo.</summary>
public sealed class RegistryPair : IAsyncLifetime, IDisposable
{
    public const string SourceRepository = "src/app";

    private readonly List<DockerRegistry> _registries = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"tern-registries-{Guid.NewGuid():N}");

    public string? SkipReason { get; private set; }

    public string SourceHost { get; private set; } = "";

    public string TargetHost { get; private set; } = "";

    public OciLayout Image { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var skopeo = Tools.Find("skopeo");
        if (DockerRegistry.Binary is null || skopeo is null)
        {
            SkipReason = "docker-registry and skopeo (Debian packages docker-registry, skopeo) are needed; test.sh installs them.";
            return;
        }
        SourceHost = await StartAsync("source");
        TargetHost = await StartAsync("target");
        Image = OciLayout.Write(Path.Combine(_work, "layout"));
        var (exit, output) = await Tools.RunAsync(skopeo,
            ["copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "-q", $"oci:{Image.Directory}:{OciLayout.Tag}",
             $"docker://{SourceHost}/{SourceRepository}:{OciLayout.Tag}"], TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"skopeo could not push the seed image: {output}");
        }
    }

    /// <summary>Another empty registry (each test that needs a clean target starts one).</summary>
    public async Task<string> StartEmptyAsync(string name) => await StartAsync(name);

    /// <summary>The raw manifest skopeo reads back, to check a copy independently of Tern's client.</summary>
    public static async Task<byte[]> InspectRawAsync(string host, string repository, string digest)
    {
        var output = Path.GetTempFileName();
        try
        {
            var (exit, text) = await Tools.RunAsync("/bin/sh",
                ["-c", $"skopeo inspect --raw --tls-verify=false docker://{host}/{repository}@{digest} > {output}"], TimeSpan.FromSeconds(60));
            return exit == 0 ? await File.ReadAllBytesAsync(output) : throw new InvalidOperationException($"skopeo inspect failed: {text}");
        }
        finally
        {
            File.Delete(output);
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var registry in _registries)
        {
            registry.Dispose();
        }
        _registries.Clear();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private async Task<string> StartAsync(string name)
    {
        var registry = await DockerRegistry.StartAsync(Path.Combine(_work, name));
        _registries.Add(registry);
        return registry.Host;
    }
}

using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Tern.Tests.Support.Aws;

/// <summary>Two of Debian's docker-registry (the CNCF distribution registry) on free loopback ports, standing for
/// the registries of two regions, each with its own config and temporary storage. The first is seeded with a
/// multi-arch image the fixture writes as an OCI layout and pushes with skopeo.</summary>
public sealed class RegistryPair : IAsyncLifetime, IDisposable
{
    public const string SourceRepository = "src/app";

    private readonly List<Process> _processes = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"tern-registries-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string? SkipReason { get; private set; }

    public string SourceHost { get; private set; } = "";

    public string TargetHost { get; private set; } = "";

    public OciLayout Image { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var registry = Tools.Find("docker-registry");
        var skopeo = Tools.Find("skopeo");
        if (registry is null || skopeo is null)
        {
            SkipReason = "docker-registry and skopeo (Debian packages docker-registry, skopeo) are needed; test.sh installs them.";
            return;
        }
        SourceHost = await StartAsync(registry, "source");
        TargetHost = await StartAsync(registry, "target");
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
    public async Task<string> StartEmptyAsync(string name) => await StartAsync(Tools.Find("docker-registry")!, name);

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
        foreach (var process in _processes)
        {
            Tools.Stop(process);
        }
        _processes.Clear();
        _http.Dispose();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private async Task<string> StartAsync(string registry, string name)
    {
        var port = Tools.FreePort();
        var directory = Path.Combine(_work, name);
        Directory.CreateDirectory(Path.Combine(directory, "storage"));
        var config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "storage")}
            http:
              addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
            """);
        var start = new ProcessStartInfo(registry) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        var host = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        await Tools.WaitUntilAsync(async () => (await _http.GetAsync(new Uri($"http://{host}/v2/"))).IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            $"docker-registry {name}");
        return host;
    }
}

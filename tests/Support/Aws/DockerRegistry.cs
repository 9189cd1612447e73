using System.Diagnostics;
using System.Globalization;

namespace Tern.Tests.Support.Aws;

/// <summary>One of Debian's docker-registry (the CNCF distribution registry) on a free loopback port, with its own
/// config and storage under a directory the caller removes. Stopped on Dispose.</summary>
public sealed class DockerRegistry : IDisposable
{
    private readonly Process _process;

    private DockerRegistry(Process process, string host)
    {
        _process = process;
        Host = host;
    }

    /// <summary>127.0.0.1:port.</summary>
    public string Host { get; }

    /// <summary>The docker-registry binary, or null when it is not installed.</summary>
    public static string? Binary => Tools.Find("docker-registry");

    /// <summary>Starts a registry storing under <paramref name="directory"/> and waits until /v2/ answers.</summary>
    public static async Task<DockerRegistry> StartAsync(string directory)
    {
        var port = Tools.FreePort();
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
        var start = new ProcessStartInfo(Binary ?? "docker-registry")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DockerRegistry(process, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Tools.WaitUntilAsync(async () => (await http.GetAsync(new Uri($"http://{registry.Host}/v2/"))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), $"docker-registry in {directory}");
            return registry;
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    public void Dispose() => Tools.Stop(_process);
}

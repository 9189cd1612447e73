using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Sandbox.Tests.Support;

/// <summary>A loopback API server with Tern's CRDs (config/crds) and a kubeconfig for it in a temporary folder,
/// through which tests drive real kubectl binaries; disposed (server stopped, folder removed) after the test.</summary>
public sealed class SandboxFixture : IAsyncDisposable
{
    private SandboxFixture(LoopbackApiServer server, string directory)
    {
        Server = server;
        Directory = directory;
        KubeconfigPath = System.IO.Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(KubeconfigPath);
    }

    public LoopbackApiServer Server { get; }

    /// <summary>The test's own folder (kubeconfig, kubectl's cache, files to apply).</summary>
    public string Directory { get; }

    public string KubeconfigPath { get; }

    public static async Task<SandboxFixture> StartAsync(LoopbackServerOptions? options = null, bool withCrds = true)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tern-sandbox-test-").FullName;
        var server = new LoopbackApiServer(options: options) { BookmarkInterval = TimeSpan.FromMilliseconds(500) };
        if (withCrds)
        {
            server.RegisterCrds(RepoPaths.Of("config", "crds"));
        }
        await server.StartAsync();
        return new SandboxFixture(server, directory);
    }

    /// <summary>kubectl <paramref name="arguments"/> with this server's kubeconfig.</summary>
    public Task<KubectlResult> KubectlAsync(Kubectl kubectl, params string[] arguments) => kubectl.RunAsync(KubeconfigPath, arguments);

    /// <summary>kubectl <paramref name="arguments"/> with <paramref name="input"/> on its stdin (a manifest for `-f -`).</summary>
    public Task<KubectlResult> KubectlWithInputAsync(Kubectl kubectl, string input, params string[] arguments) => kubectl.RunAsync(KubeconfigPath,
        arguments, input);

    /// <summary>Like <see cref="KubectlAsync(Kubectl, string[])"/>, and fails the test unless kubectl exits 0.</summary>
    public async Task<string> KubectlOkAsync(Kubectl kubectl, params string[] arguments)
    {
        var result = await KubectlAsync(kubectl, arguments);
        Assert.True(result.ExitCode == 0, $"{kubectl} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Output}");
        return result.Stdout;
    }

    public async Task<string> KubectlOkAsync(Kubectl kubectl, string input, string[] arguments)
    {
        var result = await KubectlWithInputAsync(kubectl, input, arguments);
        Assert.True(result.ExitCode == 0, $"{kubectl} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Output}");
        return result.Stdout;
    }

    /// <summary>The object as JSON, read over HTTP (kubectl is not needed to look).</summary>
    public async Task<JsonObject?> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject : null;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still writing its cache; the temporary folder goes with the machine's clean-up.
        }
    }
}

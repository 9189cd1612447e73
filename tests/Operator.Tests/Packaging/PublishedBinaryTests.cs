using System.Diagnostics;
using System.Net;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The published operator, as the image runs it: /app/tern started from another directory, as a user
/// whose home is /tmp, and the publish output must be unchanged afterwards (the image's root filesystem is read-only).</summary>
public class PublishedBinaryTests(PublishedBinary published) : IClassFixture<PublishedBinary>
{
    private readonly Dictionary<string, string> _environment = new()
    {
        ["HOME"] = System.IO.Directory.CreateTempSubdirectory("tern-home-").FullName,
        ["DOTNET_NOLOGO"] = "1",
    };

    [Fact]
    public void The_output_holds_the_apphost_the_bundled_data_the_crds_and_the_examples_and_no_tests()
    {
        Assert.True(File.Exists(published.Tern), "no apphost named tern: the image's ENTRYPOINT is /app/tern");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(published.Tern).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.Exists(Path.Combine(published.Directory, "data", "README.md")), "data/README.md carries the data's licences");
        Assert.True(File.Exists(Path.Combine(published.Directory, "data", "regions.csv")));
        Assert.Equal(
            System.IO.Directory.GetFiles(RepoPaths.Of("config", "crds"), "*.yaml").Select(Path.GetFileName).Order(),
            System.IO.Directory.GetFiles(Path.Combine(published.Directory, "config", "crds")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(published.Directory, "examples", "video-analytics.yaml")));
        Assert.Empty(System.IO.Directory.GetFiles(published.Directory, "*Tests*.dll"));
        Assert.Empty(System.IO.Directory.GetFiles(published.Directory, "xunit*.dll"));
    }

    [Fact]
    public async Task Help_and_plan_run_from_the_published_output_and_write_nothing_beside_the_binary()
    {
        var before = published.Snapshot();
        var elsewhere = System.IO.Directory.CreateTempSubdirectory("tern-cwd-").FullName;

        var help = await Tools.RunAsync(published.Tern, ["--help"], elsewhere, _environment);
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (var verb in new[] { "run", "plan", "validate", "carbon" })
        {
            Assert.Contains($"  {verb}", help.Stdout, StringComparison.Ordinal);
        }
        var runHelp = await Tools.RunAsync(published.Tern, ["run", "--help"], elsewhere, _environment);
        Assert.Contains("--health-port", runHelp.Stdout, StringComparison.Ordinal);

        var example = Path.Combine(published.Directory, "examples", "video-analytics.yaml");
        var plan = await Tools.RunAsync(published.Tern, ["plan", example], elsewhere, _environment);
        Assert.True(plan.ExitCode == 0, plan.Output);
        Assert.StartsWith("video-analytics: every function moves from us-east-1 to ", plan.Stdout, StringComparison.Ordinal);

        Assert.Equal(before, published.Snapshot());
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task The_sandbox_runs_the_operator_from_the_published_output_until_stopped()
    {
        var elsewhere = System.IO.Directory.CreateTempSubdirectory("tern-cwd-").FullName;
        using var process = Process.Start(Tools.StartInfo(published.Tern, ["run", "--simulate", "--sandbox"], elsewhere, _environment))!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The sandbox applies the CRDs and examples from beside the binary and prints each workflow reaching Ready.
            await OperatorFixture.WaitUntilAsync(
                () => Task.FromResult(output.Any(l => l.Contains("Ready=True", StringComparison.Ordinal)) || process.HasExited),
                TimeSpan.FromSeconds(90), "a workflow is Ready in the sandbox");
            Assert.False(process.HasExited, string.Join('\n', output));
            Assert.Contains(output, l => l.StartsWith("sandbox: applied ServerlessWorkflow video-analytics", StringComparison.Ordinal));
            const string server = "sandbox: loopback API server (a local test fixture, not Kubernetes) at http://127.0.0.1:";
            Assert.Contains(output, l => l.StartsWith(server, StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Tern_run_serves_health_readiness_and_metrics_on_loopback_against_an_api_server()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = await harness.WriteKubeconfigAsync();
        var (health, metrics) = (Tools.FreeLoopbackPort(), Tools.FreeLoopbackPort());
        using var process = Process.Start(Tools.StartInfo(published.Tern, ["run", "--simulate", "--kubeconfig", kubeconfig, "--no-leader-election",
            "--health-bind-address", "127.0.0.1", "--health-port", $"{health}",
            "--metrics-bind-address", "127.0.0.1", "--metrics-port", $"{metrics}"],
            environment: _environment))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await OperatorFixture.WaitUntilAsync(async () => await StatusAsync(http, $"http://127.0.0.1:{health}/readyz") == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "tern run is ready");
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, $"http://127.0.0.1:{health}/healthz"));
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metrics}/metrics"));
            Assert.Contains("controller_runtime_reconcile_total", text, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

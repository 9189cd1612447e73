using System.Diagnostics;
using System.Text;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Watch;

public class KubectlWatchTests
{
    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Get_watch_streams_a_change_as_a_table_row(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("watched"), ["apply", "-f", "-"]);
        using var watch = Process.Start(kubectl.StartInfo(sandbox.KubeconfigPath, ["get", "swf", "--watch"]))!;
        var lines = new StringBuilder();
        var seen = new SemaphoreSlim(0);
        watch.OutputDataReceived += (_, e) =>
        {
            lock (lines)
            {
                lines.AppendLine(e.Data);
            }
            seen.Release();
        };
        watch.BeginOutputReadLine();
        try
        {
            await WaitForAsync(lines, seen, text => text.Contains("watched", StringComparison.Ordinal));
            await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "watched", "--subresource=status", "--type=merge", "-p",
                """
                {"status":{"conditions":[
                  {"type":"Ready","status":"True","reason":"Planned","message":"ok","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}
                """);

            var text = await WaitForAsync(lines, seen, t => t.Split('\n').Any(l => l.StartsWith("watched",
                StringComparison.Ordinal) && l.Contains("True", StringComparison.Ordinal)));
            Assert.StartsWith("NAME", text, StringComparison.Ordinal);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }
    }

    private static async Task<string> WaitForAsync(StringBuilder lines, SemaphoreSlim seen, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (lines)
            {
                if (done(lines.ToString()))
                {
                    return lines.ToString();
                }
            }
            await seen.WaitAsync(TimeSpan.FromSeconds(1));
        }
        lock (lines)
        {
            throw new TimeoutException($"kubectl get --watch did not print the expected line in 30 s; it printed:\n{lines}");
        }
    }
}

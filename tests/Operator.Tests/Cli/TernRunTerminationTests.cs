using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using Tern.Operator.Cli;
using Tern.Operator.Tests.Packaging;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern run` as a process, stopped the way Kubernetes stops a pod: with SIGTERM.</summary>
public class TernRunTerminationTests
{
    [Fact]
    public async Task Sigterm_stops_tern_run_within_its_bound_with_exit_code_0_and_the_lease_released()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await harness.CreateNamespaceAsync("tern-system");
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var kubeconfig = await harness.WriteKubeconfigAsync();
        var (health, metrics) = (Tools.FreeLoopbackPort(), Tools.FreeLoopbackPort());
        using var process = Process.Start(Tools.StartInfo(Path.Combine(AppContext.BaseDirectory, "tern"),
            ["run", "--simulate", "--kubeconfig", kubeconfig, "--namespace", "tern-system",
                "--health-bind-address", "127.0.0.1", "--health-port", $"{health}",
                "--metrics-bind-address", "127.0.0.1", "--metrics-port", $"{metrics}"],
            environment: new Dictionary<string, string> { ["POD_NAME"] = "child-operator" }))!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady, seconds: 60);
            var held = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("tern-operator", "tern-system");
            Assert.Equal("child-operator", held.Spec.HolderIdentity);

            var signalled = Stopwatch.StartNew();
            var kill = await Tools.RunAsync("kill", ["-TERM", $"{process.Id}"]);
            Assert.True(kill.ExitCode == 0, kill.Output);
            await process.WaitForExitAsync().WaitAsync(RunCommand.TerminationTimeout + TimeSpan.FromSeconds(10));

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {string.Join('\n', output)}");
            Assert.True(signalled.Elapsed < RunCommand.TerminationTimeout, $"stopping took {signalled.Elapsed}");
            var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync("tern-operator", "tern-system");
            Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), $"the lease is still held by {lease.Spec.HolderIdentity}");
            Assert.Contains(output, l => l.Contains("child-operator released lease tern-system/tern-operator", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}

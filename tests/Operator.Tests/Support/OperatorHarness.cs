using Microsoft.Extensions.Logging;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Entities.CarbonSources;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Controllers;
using Tern.Operator.Hosting;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Sandbox;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Support;

/// <summary>A loopback API server with Tern's CRDs, the static CarbonSource, and operators that talk to it
/// over HTTP exactly as they would to a cluster.</summary>
internal sealed class OperatorHarness : IAsyncDisposable
{
    private static readonly Lazy<BundledDataSet> Data = new(() => BundledDataSet.Load());
    private readonly List<(OperatorHost Host, CancellationTokenSource Stop, Task Running)> _operators = [];

    private OperatorHarness(LoopbackApiServer server, SimulatedPlatform platform)
    {
        Server = server;
        Platform = platform;
        Client = NewClient();
        Workflows = new CustomResourceClient<ServerlessWorkflow>(Client);
    }

    public LoopbackApiServer Server { get; }

    public SimulatedPlatform Platform { get; }

    public Kubernetes Client { get; }

    public CustomResourceClient<ServerlessWorkflow> Workflows { get; }

    public static async Task<OperatorHarness> StartAsync(SimulationOptions? simulation = null)
    {
        var server = new LoopbackApiServer { BookmarkInterval = TimeSpan.FromMilliseconds(500) };
        server.RegisterCrds(RepoPaths.Of("config", "crds"));
        await server.StartAsync();
        var harness = new OperatorHarness(server, new SimulatedPlatform(TimeProvider.System,
            simulation ?? new SimulationOptions { DefaultDeployLatency = TimeSpan.FromMilliseconds(300) }));
        await harness.Client.CustomObjects.CreateClusterCustomObjectAsync(
            OperatorFixture.ToBody(OperatorFixture.ExampleCarbonSource("carbonsource-static")), "tern.dev", "v1alpha1", "carbonsources");
        return harness;
    }

    /// <summary>Workflow controller timings short enough for tests.</summary>
    public static WorkflowControllerOptions FastWorkflows { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        FailureRetry = TimeSpan.FromSeconds(1),
        CheckInterval = TimeSpan.FromSeconds(5),
    };

    public Task CreateNamespaceAsync(string name) =>
        Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });

    public Kubernetes NewClient() => new(new KubernetesClientConfiguration { Host = Server.BaseUri.ToString() });

    /// <summary>Starts an operator instance; with leader election, several can compete.</summary>
    /// <param name="platform">The function platform (default: the harness's simulated one).</param>
    /// <param name="loggers">Where the operator logs (default: the console).</param>
    /// <param name="metrics">The registry /metrics serves, when the test counts into it too.</param>
    public OperatorHost StartOperator(string identity = "operator-1", bool leaderElection = false, LeaseTimings? lease = null,
        WorkflowControllerOptions? workflows = null, IFunctionPlatform? platform = null, ILoggerFactory? loggers = null, RuntimeMetrics? metrics = null)
    {
        var options = new OperatorOptions
        {
            Identity = identity,
            LeaderElection = leaderElection,
            HealthPort = 0,
            MetricsPort = 0,
            BindAddress = "127.0.0.1",
            Lease = lease ?? new LeaseTimings(),
            Informer = new InformerOptions { WatchTimeoutSeconds = 30, IdleTimeout = TimeSpan.FromSeconds(10), MaxReconnectDelay = TimeSpan.FromSeconds(1) },
            Workflows = workflows ?? FastWorkflows,
        };
        var host = new OperatorHost(NewClient(), options, platform ?? Platform, Data.Value, TimeProvider.System,
            loggers ?? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)), metrics);
        var stop = new CancellationTokenSource();
        _operators.Add((host, stop, host.RunAsync(stop.Token)));
        return host;
    }

    public async Task StopOperatorAsync(OperatorHost host)
    {
        var entry = _operators.Single(o => o.Host == host);
        await entry.Stop.CancelAsync();
        await entry.Running;
        await host.DisposeAsync();
        entry.Stop.Dispose();
        _operators.Remove(entry);
    }

    public async Task<ServerlessWorkflow> ApplyAsync(ServerlessWorkflow workflow)
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(OperatorFixture.ToBody(workflow), "tern.dev", "v1alpha1", workflow.Metadata.NamespaceProperty, "serverlessworkflows");
        return workflow;
    }

    public Task<ServerlessWorkflow> WaitForAsync(string name, Func<ServerlessWorkflow, bool> condition, int seconds = 30) =>
        OperatorFixture.WaitForAsync(Workflows, new ResourceKey("default", name), condition, TimeSpan.FromSeconds(seconds));

    /// <summary>Polls the namespace's events: the operator records an event just after it patches the
    /// status, so a test that has seen the status must still wait for the event.</summary>
    public async Task<k8s.Models.Corev1Event> WaitForEventAsync(string name, string reason, int seconds = 10)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(seconds);
        IList<k8s.Models.Corev1Event> seen = [];
        while (DateTimeOffset.UtcNow < deadline)
        {
            seen = (await Client.CoreV1.ListNamespacedEventAsync("default")).Items;
            var match = seen.FirstOrDefault(e => e.Reason == reason && e.InvolvedObject.Name == name);
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {reason} event for {name} in {seconds} s; events seen: {string.Join(", ", seen.Select(e => $"{e.InvolvedObject.Name}/{e.Reason}"))}");
    }

    public static bool IsReady(ServerlessWorkflow w) =>
        w.Status?.Conditions.Any(c => c.Type == WorkflowConditionTypes.Ready && c.Status == Tern.Entities.Conditions.ConditionStatus.True && c.Reason == "Planned") == true
        && w.Status.ObservedGeneration == w.Metadata.Generation;

    public async ValueTask DisposeAsync()
    {
        foreach (var (host, stop, running) in _operators.ToList())
        {
            await stop.CancelAsync();
            await running;
            await host.DisposeAsync();
            stop.Dispose();
        }
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

using k8s;
using Microsoft.Extensions.Logging;
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

    /// <summary>A client of the loopback server; its User-Agent names <paramref name="identity"/>, as `tern run`'s does, so a
    /// fault can single it out.</summary>
    public Kubernetes NewClient(string identity = "test") =>
        new(new KubernetesClientConfiguration { Host = Server.BaseUri.ToString(), UserAgent = UserAgentOf(identity) });

    /// <summary>The User-Agent of the operator instance <paramref name="identity"/>.</summary>
    public static string UserAgentOf(string identity) => $"tern/{identity}";

    /// <summary>Informer timings short enough for tests.</summary>
    public static InformerOptions FastInformers { get; } = new()
    {
        WatchTimeoutSeconds = 30,
        IdleTimeout = TimeSpan.FromSeconds(10),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>Starts an operator instance; with leader election, several can compete. <paramref name="configure"/> adjusts
    /// the options; <paramref name="loggers"/> replaces the console logging; <paramref name="platform"/> replaces the harness's
    /// simulated one; <paramref name="metrics"/> is the registry /metrics serves, when the test counts into it too.</summary>
    public OperatorHost StartOperator(string identity = "operator-1", bool leaderElection = false, LeaseTimings? lease = null,
        WorkflowControllerOptions? workflows = null, Func<OperatorOptions, OperatorOptions>? configure = null, ILoggerFactory? loggers = null,
        IFunctionPlatform? platform = null, RuntimeMetrics? metrics = null)
    {
        var options = new OperatorOptions
        {
            Identity = identity,
            LeaderElection = leaderElection,
            HealthPort = 0,
            MetricsPort = 0,
            HealthBindAddress = "127.0.0.1",
            MetricsBindAddress = "127.0.0.1",
            Lease = lease ?? new LeaseTimings(),
            Informer = FastInformers,
            Workflows = workflows ?? FastWorkflows,
            // Reconciles here take milliseconds unless a test makes them slow; then it need not wait 20 s when it ends.
            ShutdownTimeout = TimeSpan.FromSeconds(3),
        };
        options = configure?.Invoke(options) ?? options;
        loggers ??= LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var host = new OperatorHost(NewClient(identity), options, platform ?? Platform, Data.Value, TimeProvider.System, loggers, metrics);
        var stop = new CancellationTokenSource();
        _operators.Add((host, stop, host.RunAsync(stop.Token)));
        return host;
    }

    /// <summary>The task running <paramref name="host"/>, to see that it has not ended or faulted.</summary>
    public Task Running(OperatorHost host) => _operators.Single(o => o.Host == host).Running;

    /// <summary>Ends <paramref name="host"/> as a crash would: from now on the API server resets every request it sends, so
    /// nothing it does afterwards (finishing a reconcile, releasing the lease) reaches the server; then it is stopped.</summary>
    public async Task CrashOperatorAsync(OperatorHost host, string identity)
    {
        Server.Faults.TakeDown(OutageAnswer.ConnectionReset, TimeSpan.Zero, UserAgentOf(identity));
        await StopOperatorAsync(host);
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

    /// <summary>Writes a kubeconfig for the loopback server, for an operator started as a process (`tern run --kubeconfig`).</summary>
    public async Task<string> WriteKubeconfigAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tern-kubeconfig-").FullName, "config");
        await File.WriteAllTextAsync(path, string.Join("\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: loopback",
            $"  cluster: {{server: \"{Server.BaseUri}\"}}",
            "contexts:",
            "- name: loopback",
            "  context: {cluster: loopback, user: tester}",
            "current-context: loopback",
            "users:",
            "- name: tester",
            "  user: {token: loopback-does-not-check}"));
        return path;
    }

    public async Task<ServerlessWorkflow> ApplyAsync(ServerlessWorkflow workflow)
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(OperatorFixture.ToBody(workflow), "tern.dev", "v1alpha1",
            workflow.Metadata.NamespaceProperty, "serverlessworkflows");
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
        throw new TimeoutException($"no {reason} event for {name} in {seconds} s; events " +
            $"seen: {string.Join(", ", seen.Select(e => $"{e.InvolvedObject.Name}/{e.Reason}"))}");
    }

    public static bool IsReady(ServerlessWorkflow w) =>
        w.Status?.Conditions.Any(c => c.Type == WorkflowConditionTypes.Ready && c.Status == Tern.Entities.Conditions.ConditionStatus.True
            && c.Reason == "Planned") == true
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

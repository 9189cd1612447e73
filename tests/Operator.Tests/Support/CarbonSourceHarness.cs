using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Tern.Carbon;
using Tern.Carbon.Http;
using Tern.Entities.CarbonSources;
using Tern.Entities.Conditions;
using Tern.Operator.Hosting;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Planning.BundledData;
using Tern.Sandbox;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Support;

/// <summary>The operator's CarbonSource controller against the loopback API server, with every log line captured and
/// carbon refreshes allowed to reach 127.0.0.1 (the fake providers), under a short refresh deadline.</summary>
internal sealed class CarbonSourceHarness : IAsyncDisposable
{
    public const string Namespace = "tern-system";

    private static readonly Lazy<BundledDataSet> Data = new(() => BundledDataSet.Load());
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggerFactory _loggers;
    private OperatorHost? _host;
    private Task? _running;

    private CarbonSourceHarness(LoopbackApiServer server)
    {
        Server = server;
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() });
        Sources = new CustomResourceClient<CarbonSource>(Client);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
    }

    public LoopbackApiServer Server { get; }

    public Kubernetes Client { get; }

    public CustomResourceClient<CarbonSource> Sources { get; }

    /// <summary>Every line the operator logged, at every level.</summary>
    public CapturingLoggerProvider Log { get; } = new();

    /// <summary>The refresh deadline the operator runs with.</summary>
    public static TimeSpan RefreshTimeout { get; } = TimeSpan.FromSeconds(3);

    public static async Task<CarbonSourceHarness> StartAsync()
    {
        var server = new LoopbackApiServer();
        server.RegisterCrds(RepoPaths.Of("config", "crds"));
        await server.StartAsync();
        return new CarbonSourceHarness(server);
    }

    /// <summary>Starts the operator (one CarbonSource worker, as in production).</summary>
    public void StartOperator()
    {
        var options = new OperatorOptions
        {
            Namespace = Namespace,
            LeaderElection = false,
            HealthPort = -1,
            MetricsPort = -1,
            HealthBindAddress = "127.0.0.1",
            MetricsBindAddress = "127.0.0.1",
            Carbon = new CarbonRefresherOptions
            {
                Regions = ["eu-west-2", "us-east-1", "us-west-2"],
                Endpoints = EndpointPolicy.Parse(["127.0.0.1"]),
                RefreshTimeout = RefreshTimeout,
                Requests = new ProviderRequestOptions
                {
                    RequestTimeout = TimeSpan.FromMinutes(10),
                    MaxAttempts = 3,
                    BaseDelay = TimeSpan.FromMilliseconds(5),
                    MaxDelay = TimeSpan.FromMilliseconds(20),
                },
            },
        };
        _host = new OperatorHost(new Kubernetes(new KubernetesClientConfiguration { Host = Server.BaseUri.ToString() }), options,
            new SimulatedPlatform(TimeProvider.System), Data.Value, TimeProvider.System, _loggers);
        _running = _host.RunAsync(_stop.Token);
    }

    /// <summary>A Secret in the operator's namespace, labelled for Tern or not.</summary>
    public Task CreateSecretAsync(string name, IReadOnlyDictionary<string, string> values, bool labelled) =>
        Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = Namespace,
                Labels = labelled ? new Dictionary<string, string> { [CarbonSecrets.Label] = CarbonSecrets.LabelValue } : null,
            },
            Data = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value)),
        }, Namespace);

    public Task<CarbonSource> CreateAsync(string name, CarbonSourceSpec spec) =>
        Sources.CreateAsync(new CarbonSource { Metadata = new V1ObjectMeta { Name = name }, Spec = spec }, CancellationToken.None);

    /// <summary>Waits until the source's Ready condition satisfies <paramref name="ready"/>.</summary>
    public Task<CarbonSource> WaitForReadyAsync(string name, Func<Condition, bool> ready, int seconds = 60) =>
        OperatorFixture.WaitForAsync(Sources, new ResourceKey(null, name),
            s => s.Status?.Conditions.FirstOrDefault(c => c.Type == CarbonSourceConditionTypes.Ready) is { } c && ready(c),
            TimeSpan.FromSeconds(seconds));

    /// <summary>Every event about a CarbonSource (cluster-scoped objects' events go to "default").</summary>
    public async Task<IList<Corev1Event>> EventsAsync() => (await Client.CoreV1.ListNamespacedEventAsync("default")).Items;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        _stop.Dispose();
        _loggers.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

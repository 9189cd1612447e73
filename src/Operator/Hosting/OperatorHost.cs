using System.Net;
using System.Net.Sockets;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using Tern.Entities.CarbonSources;
using Tern.Entities.ServerlessWorkflows;
using Tern.Carbon;
using Tern.Carbon.Http;
using Tern.Entities.Regions;
using Tern.Entities.Validation;
using Tern.Operator.Controllers;
using Tern.Operator.Monitoring;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;

namespace Tern.Operator.Hosting;

/// <summary>The operator process: health and metrics endpoints, leader election, and the controllers,
/// which run only while this instance leads. On shutdown in-flight reconciles get a deadline to finish
/// and the lease is released for a fast hand-over; on a lost lease they are cancelled at once.</summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly OperatorOptions _options;
    private readonly ControllerServices _services;
    private readonly LeaseElector _elector;
    private readonly HttpClient _http;
    private WebApplication? _web;

    /// <param name="metrics">The registry /metrics serves; given when the platform counts into it too (the AWS calls).</param>
    public OperatorHost(IKubernetes client, OperatorOptions options, IFunctionPlatform platform, BundledDataSet data, TimeProvider clock,
        ILoggerFactory loggers,
        RuntimeMetrics? metrics = null)
    {
        _client = client;
        _options = options;
        Metrics = metrics ?? new RuntimeMetrics();
        var events = new EventRecorder(client, clock, loggers.CreateLogger("events"));
        _services = new ControllerServices(client, events, clock, loggers, Metrics, options.Informer)
        {
            Timings = options.Controllers,
        };
        CarbonSnapshots = new CarbonSnapshotStore();
        _http = ProviderHttpClient.Create();
        var refresher = new CarbonRefresher(_http, CarbonSnapshots, clock, options.Carbon with
        {
            BundledCarbon = data.Carbon,
            ConfigMaps = new KubernetesConfigMapReader(client, options.Namespace),
        }, loggers.CreateLogger("carbon"));
        var secrets = new KubernetesSecretReader(client, options.Namespace);
        var planning = new WorkflowPlanning(new StoredCarbonProfiles(CarbonSnapshots), data);
        var validator = new WorkflowValidator(RegionCatalogue.Bundled);
        var controllers = new ControllerSet();
        TernMetrics = new TernMetrics(Metrics.Registry, clock, () => controllers.Running<ServerlessWorkflow>()?.Informer.All ?? [],
            () => controllers.Running<CarbonSource>()?.Informer.All ?? []);
        Controllers = controllers
            .Add(new ControllerRegistration<CarbonSource, CarbonSourceStatus>("carbonsource",
                context => new CarbonSourceReconciler(context, refresher, CarbonSnapshots, secrets)))
            .Add(new ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus>("serverlessworkflow",
                context => new ServerlessWorkflowReconciler(context, platform, planning, validator, options.Workflows, TernMetrics.Planner))
                { Workers = options.Workers });
        _elector = new LeaseElector(client, options.Namespace, options.LeaseName, options.Identity, clock, loggers.CreateLogger("leader-election"),
            options.Lease);
    }

    public RuntimeMetrics Metrics { get; }

    /// <summary>Tern's own metrics, in the same registry.</summary>
    public TernMetrics TernMetrics { get; }

    /// <summary>The controllers this process runs while it leads.</summary>
    public ControllerSet Controllers { get; }

    /// <summary>The last good carbon snapshot per CarbonSource, which workflows plan with.</summary>
    public CarbonSnapshotStore CarbonSnapshots { get; }

    /// <summary>True while this instance leads (always true without leader election once running).</summary>
    public bool IsLeader => !_options.LeaderElection || _elector.IsLeader;

    /// <summary>Terms of leadership begun so far (each starts the controllers afresh).</summary>
    public int Terms => _options.LeaderElection ? _elector.Terms : 1;

    /// <summary>True once the controllers' first lists are done, or while waiting as a follower.</summary>
    public bool IsReady => _options.LeaderElection && !_elector.IsLeader || Controllers.Synced;

    /// <summary>What /healthz reports as wrong: the election loop stalled, a watch that has lost the API server, or a
    /// worker stuck in a reconcile. Empty when healthy.</summary>
    public IReadOnlyList<string> Problems =>
        [.. (_options.LeaderElection && _elector.Problem is { } election ? [election] : Array.Empty<string>()), .. Controllers.Problems];

    /// <summary>Base address of the health endpoints once started.</summary>
    public Uri? HealthUri { get; private set; }

    /// <summary>Base address of the metrics endpoint once started.</summary>
    public Uri? MetricsUri { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> is cancelled, then shuts down within <see cref="OperatorOptions.ShutdownTimeout"/>
    /// and the lease's release timeout.</summary>
    /// <exception cref="LeaseAccessException">The API server refuses access to the Lease.</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        await StartEndpointsAsync().ConfigureAwait(false);
        if (_options.LeaderElection)
        {
            await _elector.RunAsync(leading => LeadAsync(leading, stop), stop).ConfigureAwait(false);
        }
        else
        {
            await LeadAsync(stop, stop).ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(CancellationToken leading, CancellationToken stop)
    {
        Metrics.Leader.WithLabels(_options.LeaseName).Set(1);
        using var deadline = new CancellationTokenSource();
        // On shutdown, reconciles in flight get the shutdown timeout to finish. When leadership is lost they are
        // cancelled at once: another instance may take over as soon as the lease expires.
        using var registration = leading.Register(() =>
        {
            if (stop.IsCancellationRequested)
            {
                deadline.CancelAfter(_options.ShutdownTimeout);
            }
            else
            {
                deadline.Cancel();
            }
        });
        try
        {
            await Controllers.RunAsync(_services, leading, deadline.Token).ConfigureAwait(false);
        }
        finally
        {
            Metrics.Leader.WithLabels(_options.LeaseName).Set(0);
        }
    }

    private async Task StartEndpointsAsync()
    {
        var urls = new List<string>();
        if (_options.HealthPort >= 0)
        {
            urls.Add(Url(_options.HealthBindAddress, _options.HealthPort));
        }
        if (_options.MetricsPort >= 0)
        {
            urls.Add(Url(_options.MetricsBindAddress, _options.MetricsPort));
        }
        if (urls.Count == 0)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls.Distinct()]);
        var app = builder.Build();
        app.MapGet("/healthz", () => Problems is { Count: > 0 } problems
            ? Results.Text(string.Join("\n", problems) + "\n", statusCode: StatusCodes.Status500InternalServerError)
            : Results.Text("ok"));
        app.MapGet("/readyz", () => IsReady ? Results.Text("ok") : Results.Text("waiting for the first list",
            statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", Metrics.Registry);
        await app.StartAsync().ConfigureAwait(false);
        _web = app;
        // Kestrel reports the bound addresses in the order they were given (health first), with the ports it chose for 0.
        var bound = app.Urls.Select(u => new Uri(u)).ToList();
        HealthUri = _options.HealthPort >= 0 ? bound[0] : null;
        MetricsUri = _options.MetricsPort >= 0 ? bound[^1] : null;
    }

    private static string Url(string address, int port) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"http://[{address}]:{port}"
            : $"http://{address}:{port}";

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync().ConfigureAwait(false);
        }
        _client.Dispose();
        _http.Dispose();
    }
}

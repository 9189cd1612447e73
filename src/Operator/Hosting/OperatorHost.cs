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
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;

namespace Tern.Operator.Hosting;

/// <summary>The operator process: health and metrics endpoints, leader election, and the controllers,
/// which run only while this instance leads. On shutdown in-flight reconciles get a deadline to finish
/// and the lease is released for a fast hand-over.</summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly OperatorOptions _options;
    private readonly ControllerServices _services;
    private readonly LeaseElector _elector;
    private readonly HttpClient _http;
    private WebApplication? _web;

    public OperatorHost(IKubernetes client, OperatorOptions options, IFunctionPlatform platform, BundledDataSet data, TimeProvider clock, ILoggerFactory loggers)
    {
        _client = client;
        _options = options;
        Metrics = new RuntimeMetrics();
        _services = new ControllerServices(client, new EventRecorder(client, clock, loggers.CreateLogger("events")), clock, loggers, Metrics, options.Informer);
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
        Controllers = new ControllerSet()
            .Add(new ControllerRegistration<CarbonSource, CarbonSourceStatus>("carbonsource",
                context => new CarbonSourceReconciler(context, refresher, CarbonSnapshots, secrets)))
            .Add(new ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus>("serverlessworkflow",
                context => new ServerlessWorkflowReconciler(context, platform, planning, validator, options.Workflows)) { Workers = options.Workers });
        _elector = new LeaseElector(client, options.Namespace, options.LeaseName, options.Identity, clock, loggers.CreateLogger("leader-election"), options.Lease);
    }

    public RuntimeMetrics Metrics { get; }

    /// <summary>The controllers this process runs while it leads.</summary>
    public ControllerSet Controllers { get; }

    /// <summary>The last good carbon snapshot per CarbonSource, which workflows plan with.</summary>
    public CarbonSnapshotStore CarbonSnapshots { get; }

    /// <summary>True while this instance leads (always true without leader election once running).</summary>
    public bool IsLeader => !_options.LeaderElection || _elector.IsLeader;

    /// <summary>True once the controllers' first lists are done, or while waiting as a follower.</summary>
    public bool IsReady => _options.LeaderElection && !_elector.IsLeader || Controllers.Synced;

    /// <summary>Base address of the health endpoints once started.</summary>
    public Uri? HealthUri { get; private set; }

    /// <summary>Base address of the metrics endpoint once started.</summary>
    public Uri? MetricsUri { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await StartEndpointsAsync().ConfigureAwait(false);
        if (_options.LeaderElection)
        {
            await _elector.RunAsync(LeadAsync, stop).ConfigureAwait(false);
        }
        else
        {
            await LeadAsync(stop).ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(CancellationToken leading)
    {
        Metrics.Leader.WithLabels(_options.LeaseName).Set(1);
        using var deadline = new CancellationTokenSource();
        // When leadership or the process ends, reconciles in flight get the shutdown timeout to finish.
        using var registration = leading.Register(() => deadline.CancelAfter(_options.ShutdownTimeout));
        await Controllers.RunAsync(_services, leading, deadline.Token).ConfigureAwait(false);
        Metrics.Leader.WithLabels(_options.LeaseName).Set(0);
    }

    private async Task StartEndpointsAsync()
    {
        if (_options.HealthPort < 0 && _options.MetricsPort < 0)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. new[] { _options.HealthPort, _options.MetricsPort }.Where(p => p >= 0).Distinct().Select(p => $"http://{_options.BindAddress}:{p}")]);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => IsReady ? Results.Text("ok") : Results.Text("waiting for the first list", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", Metrics.Registry);
        await app.StartAsync().ConfigureAwait(false);
        _web = app;
        var addresses = app.Urls.Select(u => new Uri(u)).ToList();
        HealthUri = addresses.First();
        MetricsUri = addresses.Last();
    }

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

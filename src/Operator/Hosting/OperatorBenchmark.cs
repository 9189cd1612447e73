using System.Diagnostics;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Sandbox;

namespace Tern.Operator.Hosting;

/// <summary>`tern bench operator`: N copies of an example workflow against the loopback API server; prints
/// the time until all are Ready, reconcile latency and the operator's memory. How far it is goes to <c>progress</c> (stderr),
/// so the figures on <c>output</c> stay parseable.</summary>
internal static class OperatorBenchmark
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(int workflows, string example, TextWriter output, TextWriter progress, CancellationToken stop)
    {
        await progress.WriteLineAsync($"tern bench operator: creating {workflows} {example} workflows in a loopback API " +
            $"server").ConfigureAwait(false);
        await using var server = new LoopbackApiServer();
        server.RegisterCrds(Path.Combine(AppContext.BaseDirectory, "config", "crds"));
        await server.StartAsync().ConfigureAwait(false);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() });
        var validator = new Manifests.ManifestValidator(Entities.Regions.RegionCatalogue.Bundled);
        var template = validator.ValidateFile(Path.Combine(AppContext.BaseDirectory, "examples",
            $"{example}.yaml")).Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().Single();
        var carbon = validator.ValidateFile(Path.Combine(AppContext.BaseDirectory, "examples",
            "carbonsource-static.yaml")).Documents.Select(d => d.Resource).OfType<Entities.CarbonSources.CarbonSource>().Single();
        await new CustomResourceClient<Entities.CarbonSources.CarbonSource>(client).CreateAsync(carbon, stop).ConfigureAwait(false);
        var workflowsClient = new CustomResourceClient<ServerlessWorkflow>(client);
        for (var i = 0; i < workflows; i++)
        {
            template.Metadata.Name = $"wf-{i:0000}";
            template.Metadata.NamespaceProperty = "bench";
            await workflowsClient.CreateAsync(template, stop).ConfigureAwait(false);
        }
        var data = BundledDataSet.Load();
        var options = new OperatorOptions
        {
            LeaderElection = false,
            HealthPort = -1,
            MetricsPort = -1,
            Workers = 4,
            Workflows = new Controllers.WorkflowControllerOptions { PollInterval = TimeSpan.FromMilliseconds(200) },
        };
        var started = Stopwatch.StartNew();
        await using var host = new OperatorHost(new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() }), options,
            new SimulatedPlatform(TimeProvider.System, new SimulationOptions { DefaultDeployLatency = TimeSpan.FromMilliseconds(200) }), data,
                TimeProvider.System, NullLoggerFactory.Instance);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var run = host.RunAsync(running.Token);
        int ready;
        var reported = TimeSpan.Zero;
        do
        {
            await Task.Delay(500, stop).ConfigureAwait(false);
            var items = (await workflowsClient.ListAsync(stop).ConfigureAwait(false)).Items;
            ready = items.Count(w => w.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.True
                && c.Reason == "Planned") == true);
            if (started.Elapsed - reported >= ProgressInterval)
            {
                reported = started.Elapsed;
                await progress.WriteLineAsync($"tern bench operator: {ready} of {workflows} Ready after {reported.TotalSeconds:0} " +
                    $"s").ConfigureAwait(false);
            }
        }
        while (ready < workflows && started.Elapsed < TimeSpan.FromMinutes(10));
        var elapsed = started.Elapsed;
        var histogram = host.Metrics.ReconcileSeconds.WithLabels("serverlessworkflow");
        var reconciles = histogram.Count;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        output.WriteLine($"{ready} of {workflows} {example} workflows Ready (planned, every copy Active) in {elapsed.TotalSeconds:0.0} s");
        var plans = host.TernMetrics.Planner.Seconds;
        output.WriteLine($"reconciles: {reconciles}, mean {histogram.Sum / Math.Max(1, reconciles) * 1000:0.0} ms each, {options.Workers} workers; " +
            $"plans (made beside the workers): {plans.Count}, mean {plans.Sum / Math.Max(1, plans.Count) * 1000:0.0} ms each");
        output.WriteLine($"process peak memory (API server, operator and simulation together): {process.PeakWorkingSet64 / 1048576.0:0} MiB; " +
            $"managed heap now {GC.GetTotalMemory(false) / 1048576.0:0} MiB");
        await running.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
    }
}

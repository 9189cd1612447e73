using k8s;
using Microsoft.Extensions.Logging;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Runtime;
using Tern.Sandbox;

namespace Tern.Operator.Hosting;

/// <summary>`tern run --simulate --sandbox`: a local sandbox, not a Kubernetes replacement. It starts the
/// loopback API server in-process (on a chosen port, with a data directory if asked), writes a kubeconfig for
/// kubectl and helm if asked, creates the CRDs and the example manifests that are not there yet, runs the
/// operator on the simulated platform against it over HTTP, and prints every status transition as it happens.</summary>
internal static class SandboxRunner
{
    public static async Task RunAsync(string crdDirectory, string examplesDirectory, SandboxOptions options, TextWriter output,
        ILoggerFactory loggers,
        CancellationToken stop)
    {
        await using var server = new LoopbackApiServer(options: new LoopbackServerOptions { Port = options.Port,
            DataDirectory = options.DataDirectory });
        server.RegisterCrds(crdDirectory);
        await server.StartAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"sandbox: loopback API server (a local test fixture, not Kubernetes) at {server.BaseUri}").ConfigureAwait(false);
        if (options.DataDirectory is { } directory)
        {
            await output.WriteLineAsync($"sandbox: objects are kept in {Path.GetFullPath(directory)}").ConfigureAwait(false);
        }
        if (options.KubeconfigPath is { } kubeconfig)
        {
            server.WriteKubeconfig(kubeconfig);
            await output.WriteLineAsync($"sandbox: kubeconfig written to {Path.GetFullPath(kubeconfig)}; from another shell: " +
                $"kubectl --kubeconfig {Path.GetFullPath(kubeconfig)} get swf -A").ConfigureAwait(false);
        }
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() });
        await ApplyExamplesAsync(client, examplesDirectory, output, stop).ConfigureAwait(false);

        var printer = new TransitionPrinter(output, TimeProvider.System);
        var watcher = new Informer<ServerlessWorkflow>(new CustomResourceClient<ServerlessWorkflow>(client), printer.OnChange,
            loggers.CreateLogger("sandbox"));
        var watching = watcher.RunAsync(stop);
        var data = BundledDataSet.Load();
        await using var host = new OperatorHost(new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() }),
            new OperatorOptions { LeaderElection = false, HealthPort = -1, MetricsPort = -1, BindAddress = "127.0.0.1" },
            new SimulatedPlatform(TimeProvider.System), data, TimeProvider.System, loggers);
        await output.WriteLineAsync("sandbox: operator running on the simulated platform; Ctrl-C to stop").ConfigureAwait(false);
        await host.RunAsync(stop).ConfigureAwait(false);
        await watching.ConfigureAwait(false);
    }

    private static async Task ApplyExamplesAsync(Kubernetes client, string directory, TextWriter output, CancellationToken stop)
    {
        var validator = new ManifestValidator(RegionCatalogue.Bundled);
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in validator.ValidateFile(file).Documents.Where(d => d.Problems.Count == 0))
            {
                try
                {
                    switch (document.Resource)
                    {
                        case CarbonSource source:
                            await new CustomResourceClient<CarbonSource>(client).CreateAsync(source, stop).ConfigureAwait(false);
                            break;
                        case ServerlessWorkflow workflow:
                            workflow.Metadata.NamespaceProperty ??= "default";
                            await new CustomResourceClient<ServerlessWorkflow>(client).CreateAsync(workflow, stop).ConfigureAwait(false);
                            break;
                        default:
                            continue;
                    }
                    var applied = $"sandbox: applied {document.Kind} {document.Name} from {Path.GetFileName(file)}";
                    await output.WriteLineAsync(applied).ConfigureAwait(false);
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    // Kept in the data directory from an earlier run.
                    await output.WriteLineAsync($"sandbox: kept {document.Kind} {document.Name} (already there)").ConfigureAwait(false);
                }
            }
        }
    }
}

using k8s;
using Microsoft.Extensions.Logging;
using Tern.Aws;
using Tern.Aws.Placement;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Platform.Aws;
using Tern.Operator.Runtime;
using Tern.Sandbox;

namespace Tern.Operator.Hosting;

/// <summary>`tern run --sandbox`: a local sandbox, not a Kubernetes replacement. It starts the loopback API server
/// in-process (on a chosen port, with a data directory if asked), writes a kubeconfig for kubectl and helm if asked,
/// creates the CRDs and the example manifests that are not there yet, runs the operator against it over HTTP, on the
/// simulated platform or on an AWS emulator (--aws-endpoint-url), and prints every status transition as it happens.</summary>
internal static class SandboxRunner
{
    /// <param name="aws">The AWS emulator's configuration and Tern's table settings; null: the simulated platform.</param>
    public static async Task RunAsync(string crdDirectory, string examplesDirectory, SandboxOptions options, TextWriter output,
        ILoggerFactory loggers, CancellationToken stop, (AwsConfiguration Configuration, AwsPlatformOptions Platform)? aws = null)
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
        using var clients = aws is { } emulator
            ? new AwsClients(emulator.Configuration, TimeProvider.System, logger: loggers.CreateLogger("aws"))
            : null;
        IFunctionPlatform platform = new SimulatedPlatform(TimeProvider.System);
        if (clients is not null)
        {
            var (region, table) = (aws!.Value.Platform.Region, aws.Value.Platform.PlacementTable);
            // An emulator starts empty: the sandbox does what `tern aws setup` does for an account.
            await new TernTables(clients, region).EnsureAsync(table, ct: stop).ConfigureAwait(false);
            await output.WriteLineAsync($"sandbox: DynamoDB table {table} ready in {region} at {clients.Configuration.EndpointUrl}")
                .ConfigureAwait(false);
            platform = new AwsFunctionPlatform(clients, aws.Value.Platform, TimeProvider.System, loggers.CreateLogger("aws-platform"));
        }
        await using var host = new OperatorHost(new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString() }),
            new OperatorOptions
            {
                LeaderElection = false, HealthPort = -1, MetricsPort = -1, HealthBindAddress = "127.0.0.1", MetricsBindAddress = "127.0.0.1",
            },
            platform, data, TimeProvider.System, loggers);
        var where = clients is null ? "the simulated platform" : $"the AWS endpoint {clients.Configuration.EndpointUrl}";
        await output.WriteLineAsync($"sandbox: operator running on {where}; Ctrl-C to stop").ConfigureAwait(false);
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

using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using Tern.Aws;
using Tern.Carbon;
using Tern.Operator.Hosting;
using Tern.Operator.Monitoring;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;
using Tern.Operator.Platform.Aws;
using Tern.Operator.Runtime;

namespace Tern.Operator.Cli;

/// <summary>`tern run`: the operator. Connects with the kubeconfig (or in-cluster config), elects a leader and
/// reconciles ServerlessWorkflows until SIGTERM/Ctrl-C, then stops gracefully and releases the lease.</summary>
internal static class RunCommand
{
    public const int ExitUsage = 2;

    /// <summary>Exit code when the API server refuses the operator its Lease.</summary>
    public const int ExitLeaseDenied = 3;

    /// <summary>How long `tern run` may take to stop after SIGTERM or Ctrl-C before it is ended with exit code 143: the
    /// reconciles' shutdown timeout (20 s) and the lease's release (3 s) with room to spare, within the pod's default
    /// 30 s termination grace period.</summary>
    public static TimeSpan TerminationTimeout { get; } = TimeSpan.FromSeconds(27);

    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Path of a kubeconfig (default: in-cluster config, else $KUBECONFIG as kubectl reads it, else ~/.kube/config).",
        };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use." };
        var ns = new Option<string?>("--namespace") { Description = "The operator's namespace (Lease, Secrets, ConfigMaps); default $POD_NAMESPACE " +
            "or tern-system." };
        var simulate = new Option<bool>("--simulate") { Description = "Use the simulated function platform instead of AWS (nothing is deployed " +
            "anywhere)." };
        var workers = new Option<int>("--workers") { Description = "Concurrent reconciles per controller.", DefaultValueFactory = _ => 2 };
        var healthPort = new Option<int>("--health-port") { Description = "Port of /healthz and /readyz (-1: none).",
            DefaultValueFactory = _ => 8081 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics (-1: none).", DefaultValueFactory = _ => 8080 };
        var healthAddress = new Option<string>("--health-bind-address")
        {
            Description = "IP address /healthz and /readyz listen on (0.0.0.0: every interface, which the kubelet's probes need).",
            DefaultValueFactory = _ => "0.0.0.0",
        };
        var metricsAddress = new Option<string>("--metrics-bind-address")
        {
            Description = "IP address /metrics listens on (127.0.0.1 keeps it to the pod, behind a proxy).",
            DefaultValueFactory = _ => "0.0.0.0",
        };
        var noLeaderElection = new Option<bool>("--no-leader-election") { Description = "Reconcile without taking the Lease (only for a single " +
            "instance)." };
        var sandbox = new Option<bool>("--sandbox")
        {
            Description = "Start a local loopback API server in-process, apply the CRDs and examples/, and print every status transition " +
                          "(no cluster needed). With --simulate, or --aws-endpoint-url (an emulator): never against an AWS account. It listens on " +
                          "127.0.0.1 only; for kubectl or another client outside the process, see --sandbox-kubeconfig.",
        };
        var sandboxPort = new Option<int>("--sandbox-port") { Description = "With --sandbox: the API server's port on 127.0.0.1 (0: any free one)." };
        var sandboxKubeconfig = new Option<string?>("--sandbox-kubeconfig") { Description = "With --sandbox: write a kubeconfig for kubectl and " +
            "helm here." };
        var sandboxData = new Option<string?>("--sandbox-data") { Description = "With --sandbox: keep the API server's objects in this directory." };
        var aws = new AwsOptions();
        var allowCarbonEndpoints = CarbonEndpointOption.Create();
        var command = new Command("run", "Run the operator against a cluster.")
        {
            kubeconfig, context, ns, simulate, workers, healthPort, metricsPort, healthAddress, metricsAddress, noLeaderElection, sandbox,
            aws.EndpointUrl, aws.RegistryUrls, aws.Region, aws.PlacementTable, allowCarbonEndpoints,
            sandboxPort, sandboxKubeconfig, sandboxData,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            (AwsConfiguration Configuration, AwsPlatformOptions Platform)? awsSettings = null;
            try
            {
                if (!result.GetValue(simulate) && result.GetValue(sandbox) && result.GetValue(aws.EndpointUrl) is null)
                {
                    throw new UsageException("--sandbox applies the examples: add --simulate (simulated Lambda copies) or --aws-endpoint-url " +
                                             "(an AWS emulator such as moto_server); the sandbox never deploys to an AWS account.");
                }
                if (!result.GetValue(simulate))
                {
                    // The sandbox's tables go in the examples' home region unless another is named.
                    awsSettings = aws.Resolve(result, Environment.GetEnvironmentVariable, result.GetValue(sandbox) ? "us-east-1" : null);
                }
            }
            catch (UsageException e)
            {
                await error.WriteLineAsync($"tern run: {e.Message}").ConfigureAwait(false);
                return ExitUsage;
            }
            if (!CarbonEndpointOption.TryParse(result, allowCarbonEndpoints, out var endpoints, out var endpointError))
            {
                await error.WriteLineAsync($"tern run: {endpointError}").ConfigureAwait(false);
                return ExitUsage;
            }
            foreach (var address in new[] { healthAddress, metricsAddress })
            {
                if (!IPAddress.TryParse(result.GetValue(address), out _))
                {
                    await error.WriteLineAsync(
                        $"tern run: {address.Name} '{result.GetValue(address)}' is not an IP address; give one such as 0.0.0.0, 127.0.0.1 or ::.")
                        .ConfigureAwait(false);
                    return ExitUsage;
                }
            }
            // Scopes carry each reconcile's controller, object and reconcile id into its log lines.
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
            })
                .SetMinimumLevel(result.GetValue(sandbox) ? LogLevel.Warning : LogLevel.Information));
            if (result.GetValue(sandbox))
            {
                var sandboxOptions = new SandboxOptions(result.GetValue(sandboxPort), result.GetValue(sandboxKubeconfig),
                    result.GetValue(sandboxData));
                await SandboxRunner.RunAsync(Path.Combine(AppContext.BaseDirectory, "config", "crds"), Path.Combine(AppContext.BaseDirectory,
                    "examples"),
                    sandboxOptions, result.InvocationConfiguration.Output, loggers, cancellationToken, awsSettings).ConfigureAwait(false);
                return 0;
            }
            KubernetesClientConfiguration config;
            try
            {
                config = result.GetValue(kubeconfig) is null && KubernetesClientConfiguration.IsInCluster()
                    ? KubernetesClientConfiguration.InClusterConfig()
                    : await KubeconfigLocation.LoadAsync(result.GetValue(kubeconfig), result.GetValue(context),
                        Environment.GetEnvironmentVariable("KUBECONFIG")).ConfigureAwait(false);
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException)
            {
                await error.WriteLineAsync($"tern run: cannot use the kubeconfig: {e.Message} Give --kubeconfig and --context, or run in a " +
                    $"pod.").ConfigureAwait(false);
                return ExitUsage;
            }
            var options = new OperatorOptions
            {
                Namespace = result.GetValue(ns) ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "tern-system",
                Identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Environment.ProcessId}",
                LeaderElection = !result.GetValue(noLeaderElection),
                Workers = result.GetValue(workers),
                HealthPort = result.GetValue(healthPort),
                MetricsPort = result.GetValue(metricsPort),
                HealthBindAddress = result.GetValue(healthAddress)!,
                MetricsBindAddress = result.GetValue(metricsAddress)!,
                Carbon = new CarbonRefresherOptions { Endpoints = endpoints },
            };
            // The API server's audit log and request metrics tell instances apart by user agent.
            config.UserAgent = $"tern/{options.Identity}";
            var data = BundledDataSet.Load();
            var metrics = new RuntimeMetrics();
            using var clients = awsSettings is { } settings
                ? new AwsClients(settings.Configuration, TimeProvider.System, new AwsCallMetrics(metrics.Registry), loggers.CreateLogger("aws"))
                : null;
            IFunctionPlatform platform = clients is null
                ? new SimulatedPlatform(TimeProvider.System)
                : new AwsFunctionPlatform(clients, awsSettings!.Value.Platform, TimeProvider.System, loggers.CreateLogger("aws-platform"));
            await using var host = new OperatorHost(new Kubernetes(config), options, platform, data, TimeProvider.System, loggers, metrics);
            try
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LeaseAccessException e)
            {
                await error.WriteLineAsync($"tern run: {e.Message}").ConfigureAwait(false);
                return ExitLeaseDenied;
            }
            return 0;
        });
        return command;
    }
}

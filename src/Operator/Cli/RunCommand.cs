using System.CommandLine;
using k8s;
using Microsoft.Extensions.Logging;
using Tern.Operator.Hosting;
using Tern.Planning.BundledData;
using Tern.Operator.Platform;

namespace Tern.Operator.Cli;

/// <summary>`tern run`: the operator. Connects with the kubeconfig (or in-cluster config), elects a leader and
/// reconciles ServerlessWorkflows until SIGTERM/Ctrl-C.</summary>
internal static class RunCommand
{
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path of a kubeconfig (default: in-cluster config, else ~/.kube/config)." };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use." };
        var ns = new Option<string?>("--namespace") { Description = "The operator's namespace (Lease, Secrets, ConfigMaps); default $POD_NAMESPACE or tern-system." };
        var simulate = new Option<bool>("--simulate") { Description = "Use the simulated function platform instead of AWS (nothing is deployed anywhere)." };
        var workers = new Option<int>("--workers") { Description = "Concurrent reconciles per controller.", DefaultValueFactory = _ => 2 };
        var healthPort = new Option<int>("--health-port") { Description = "Port of /healthz and /readyz (-1: none).", DefaultValueFactory = _ => 8081 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics (-1: none).", DefaultValueFactory = _ => 8080 };
        var noLeaderElection = new Option<bool>("--no-leader-election") { Description = "Reconcile without taking the Lease (only for a single instance)." };
        var sandbox = new Option<bool>("--sandbox") { Description = "With --simulate: start a local loopback API server in-process, apply the CRDs and examples/, and print every status " +
            "transition (no cluster needed). It listens on 127.0.0.1 only; for kubectl or another client outside the process, see --sandbox-kubeconfig." };
        var command = new Command("run", "Run the operator against a cluster.")
        {
            kubeconfig, context, ns, simulate, workers, healthPort, metricsPort, noLeaderElection, sandbox,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!result.GetValue(simulate))
            {
                await error.WriteLineAsync("tern run: the AWS function platform is not built yet; run with --simulate to watch the whole loop with simulated Lambda copies (see README).").ConfigureAwait(false);
                return ExitUsage;
            }
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(result.GetValue(sandbox) ? LogLevel.Warning : LogLevel.Information));
            if (result.GetValue(sandbox))
            {
                await SandboxRunner.RunAsync(Path.Combine(AppContext.BaseDirectory, "config", "crds"), Path.Combine(AppContext.BaseDirectory, "examples"),
                    result.InvocationConfiguration.Output, loggers, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            KubernetesClientConfiguration config;
            try
            {
                config = result.GetValue(kubeconfig) is null && KubernetesClientConfiguration.IsInCluster()
                    ? KubernetesClientConfiguration.InClusterConfig()
                    : KubernetesClientConfiguration.BuildConfigFromConfigFile(result.GetValue(kubeconfig), result.GetValue(context));
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException)
            {
                await error.WriteLineAsync($"tern run: cannot use the kubeconfig: {e.Message} Give --kubeconfig and --context, or run in a pod.").ConfigureAwait(false);
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
            };
            var data = BundledDataSet.Load();
            await using var host = new OperatorHost(new Kubernetes(config), options, new SimulatedPlatform(TimeProvider.System),
                data, TimeProvider.System, loggers);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

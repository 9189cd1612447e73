using System.CommandLine;
using Tern.Aws;
using Tern.Aws.Http;
using Tern.Aws.Placement;

namespace Tern.Operator.Cli;

/// <summary>`tern invoke`: starts a run of a deployed workflow through its entry function, where the published placement
/// puts it now, and prints the run id (alone on standard output, so scripts can capture it). Exit codes: 0 started;
/// 1 no placement is published or AWS refused; 2 a flag is wrong.</summary>
internal static class InvokeCommand
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var workflow = new Argument<string>("workflow") { Description = "The workflow: NAME (in --namespace) or NAMESPACE/NAME." };
        var ns = new Option<string>("--namespace") { Description = "The workflow's namespace.", DefaultValueFactory = _ => "default" };
        var payload = new Option<string>("--payload") { Description = "The run's input: JSON text, or @file.", Required = true };
        var aws = new AwsOptions();
        var command = new Command("invoke", "Start a run of a workflow through its entry function and print the run id.")
        {
            workflow, ns, payload, aws.EndpointUrl, aws.Region, aws.PlacementTable,
        };
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            string input;
            AwsConfiguration configuration;
            Platform.Aws.AwsPlatformOptions platform;
            var (workflowNamespace, name) = Split(result.GetValue(workflow)!, result.GetValue(ns)!);
            try
            {
                input = PayloadText.Read(result.GetValue(payload)!);
                (configuration, platform) = aws.Resolve(result, Environment.GetEnvironmentVariable);
            }
            catch (UsageException e)
            {
                await error.WriteLineAsync($"tern invoke: {e.Message}").ConfigureAwait(false);
                return ExitUsage;
            }
            using var clients = new AwsClients(configuration);
            try
            {
                var placement = await new PlacementStore(clients, platform.Region, platform.PlacementTable)
                    .GetAsync(workflowNamespace, name, consistent: true, ct).ConfigureAwait(false);
                if (placement is null)
                {
                    await error.WriteLineAsync($"tern invoke: no placement is published for {workflowNamespace}/{name} in table " +
                        $"{platform.PlacementTable} ({platform.Region}). Is the workflow applied and Ready (kubectl get swf -n {workflowNamespace})?")
                        .ConfigureAwait(false);
                    return ExitFailed;
                }
                var run = await new RunStarter(clients.Lambda, TimeProvider.System).StartAsync(placement, input, ct).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteLineAsync(run.RunId).ConfigureAwait(false);
                await error.WriteLineAsync($"tern invoke: run {run.RunId} of {workflowNamespace}/{name} started at {placement.Graph!.Entry} in " +
                                           $"{run.Entry.Region} (placement version {placement.Version}).").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is AwsServiceException or ArgumentException or AwsConfigurationException)
            {
                await error.WriteLineAsync($"tern invoke: {e.Message}").ConfigureAwait(false);
                return ExitFailed;
            }
        });
        return command;
    }

    private static (string Namespace, string Name) Split(string workflow, string ns)
    {
        var slash = workflow.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (workflow[..slash], workflow[(slash + 1)..]) : (ns, workflow);
    }
}

using System.CommandLine;
using Tern.Aws;
using Tern.Aws.Http;
using Tern.FunctionHost;

namespace Tern.Operator.Cli;

/// <summary>`tern dev`: runs a workflow's .NET functions on this machine, like `sam local`: builds the project, starts
/// each function copy behind a loopback Lambda Runtime API, one loopback Invoke endpoint for every region, DynamoDB on
/// moto (started here unless --aws-endpoint-url names one), publishes a placement and prints how to start runs. With
/// --payload it starts one run; with --once it waits for that run, prints its records and exits (1 when a function
/// failed). Exit codes: 0 done or stopped with Ctrl-C; 1 the build, DynamoDB or the run failed; 2 a flag is wrong.</summary>
internal static class DevCommand
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var manifest = new Argument<string>("workflow") { Description = "The workflow's manifest (a ServerlessWorkflow YAML file)." };
        var project = new Option<string>("--project")
        {
            Description = "The .NET project (directory or .csproj) of the workflow's functions: one program that runs the function " +
                          "TERN_FUNCTION names.",
            Required = true,
        };
        var endpoint = new Option<string?>("--aws-endpoint-url")
        {
            Description = "DynamoDB for the placement, records and joins (an emulator). Default: a moto_server started for the session.",
        };
        var place = new Option<string[]>("--place")
        {
            Description = "FUNCTION=REGION: run a copy of FUNCTION in REGION and route its calls there. Repeatable; the rest stays home.",
        };
        var payload = new Option<string?>("--payload") { Description = "Start one run with this input (JSON text, or @file) once all is up." };
        var once = new Option<bool>("--once") { Description = "With --payload: wait for the run, print its records and exit." };
        var command = new Command("dev",
            "Run a workflow's .NET functions locally behind loopback Lambda endpoints, with real routing, joins and records.")
        {
            manifest, project, endpoint, place, payload, once,
        };
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            DevSettings settings;
            try
            {
                var input = result.GetValue(payload) is { } text ? PayloadText.Read(text) : null;
                settings = DevSettings.Resolve(result.GetValue(manifest)!, result.GetValue(project)!, result.GetValue(endpoint),
                    result.GetValue(place) ?? [], input, result.GetValue(once));
            }
            catch (UsageException e)
            {
                await error.WriteLineAsync($"tern dev: {e.Message}").ConfigureAwait(false);
                return ExitUsage;
            }
            try
            {
                return await new DevSession(settings, output).RunAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FunctionBuildException or AwsServiceException or AwsConfigurationException or ArgumentException)
            {
                await error.WriteLineAsync($"tern dev: {e.Message}").ConfigureAwait(false);
                return ExitFailed;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }
}

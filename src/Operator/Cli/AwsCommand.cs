using System.CommandLine;
using Tern.Aws;
using Tern.Aws.Http;
using Tern.Aws.Placement;
using Tern.Aws.Setup;

namespace Tern.Operator.Cli;

/// <summary>`tern aws setup`: creates Tern's DynamoDB tables when missing (on-demand billing) and finds out which of the
/// actions the operator needs the credentials are allowed, printing what it did and what is missing. Running it again
/// changes nothing. Exit codes: 0 the tables are ready and every checked action is allowed; 1 a table could not be made
/// ready, an action is denied, or AWS could not be reached; 2 a flag is wrong.</summary>
internal static class AwsCommand
{
    public const int ExitMissing = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var aws = new AwsOptions();
        var invocationTable = new Option<string>("--invocation-table")
        {
            Description = "The DynamoDB table of invocation records.",
            DefaultValueFactory = _ => TernTables.DefaultInvocationTable,
        };
        var setup = new Command("setup", "Create Tern's DynamoDB tables and check the credentials' permissions.")
        {
            aws.EndpointUrl, aws.Region, aws.PlacementTable, invocationTable,
        };
        setup.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            AwsConfiguration configuration;
            TableSettings settings;
            try
            {
                (configuration, var platform) = aws.Resolve(result, Environment.GetEnvironmentVariable);
                settings = new TableSettings(platform.Region, platform.PlacementTable,
                    AwsOptions.TableName(result.GetValue(invocationTable)!, "--invocation-table"));
            }
            catch (UsageException e)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"tern aws setup: {e.Message}").ConfigureAwait(false);
                return ExitUsage;
            }
            using var clients = new AwsClients(configuration);
            var endpoint = configuration.EndpointUrl?.ToString() ?? "AWS's endpoints (or AWS_ENDPOINT_URL)";
            await output.WriteLineAsync($"tern aws setup: region {settings.Region}, endpoint {endpoint}").ConfigureAwait(false);
            try
            {
                var tablesReady = await SetUpTablesAsync(clients, settings, output, ct).ConfigureAwait(false);
                var report = await new PermissionProbes(clients, settings.Region).CheckAsync(ct).ConfigureAwait(false);
                var denied = await PrintAsync(report, output).ConfigureAwait(false) + tablesReady.Denied;
                var verdict = (tablesReady.Ready, denied) switch
                {
                    (true, 0) => "Tern's tables are ready and every checked action is allowed.",
                    (_, > 0) => $"{denied} action(s) denied: add them to the policy Tern runs with (config/iam/tern-policy.json lists every " +
                                "action Tern needs), then run this again.",
                    _ => "The tables are not ready; see above, then run this again.",
                };
                await output.WriteLineAsync(verdict).ConfigureAwait(false);
                return tablesReady.Ready && denied == 0 ? 0 : ExitMissing;
            }
            catch (AwsServiceException e)
            {
                await output.WriteLineAsync($"failed: {e.Message}").ConfigureAwait(false);
                return ExitMissing;
            }
        });
        return new Command("aws", "Prepare an AWS account for Tern.") { setup };
    }

    /// <summary>Creates or finds both tables and probes the placement table's item actions.</summary>
    private static async Task<(bool Ready, int Denied)> SetUpTablesAsync(AwsClients clients, TableSettings settings, TextWriter output,
        CancellationToken ct)
    {
        TableSetupReport tables;
        try
        {
            tables = await new TernTables(clients, settings.Region).EnsureAsync(settings.PlacementTable, settings.InvocationTable, ct)
                .ConfigureAwait(false);
        }
        catch (PlacementException e)
        {
            await output.WriteLineAsync($"tables: not ready: {e.Message}").ConfigureAwait(false);
            return (false, e.Kind == AwsFailureKind.AccessDenied ? 1 : 0);
        }
        foreach (var table in tables.Tables)
        {
            var what = table.Created ? "created (on-demand billing)" : "exists already";
            await output.WriteLineAsync($"table {table.Name}: {what}, {table.Status}").ConfigureAwait(false);
        }
        var denied = 0;
        foreach (var check in tables.Permissions)
        {
            denied += await PrintAsync(check, output).ConfigureAwait(false);
        }
        return (true, denied);
    }

    private static async Task<int> PrintAsync(PermissionReport report, TextWriter output)
    {
        var denied = 0;
        foreach (var check in report.Checked)
        {
            denied += await PrintAsync(check, output).ConfigureAwait(false);
        }
        foreach (var skipped in report.NotChecked)
        {
            await output.WriteLineAsync($"not checked  {skipped.Action}: {skipped.Reason}").ConfigureAwait(false);
        }
        return denied;
    }

    private static async Task<int> PrintAsync(PermissionCheck check, TextWriter output)
    {
        await output.WriteLineAsync(check.Allowed ? $"allowed      {check.Action}" : $"DENIED       {check.Action}: {check.Message}")
            .ConfigureAwait(false);
        return check.Allowed ? 0 : 1;
    }

    /// <summary>Where the tables go.</summary>
    private sealed record TableSettings(string Region, string PlacementTable, string InvocationTable);
}

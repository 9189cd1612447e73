using Tern.Aws;
using Tern.Aws.Http;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Functions.Execution;
using Tern.Functions.Joins;
using Tern.Functions.Routing;
using Tern.Functions.Runtime;

namespace Tern.Functions;

/// <summary>Runs a handler as a Tern function: the Lambda Runtime API loop with routing, joins and invocation records.</summary>
public static class TernFunctionExtensions
{
    /// <summary>The errorType posted to /init/error when the function cannot start with its settings.</summary>
    public const string InitErrorType = "Tern.InvalidConfiguration";

    /// <summary>Serves events until <paramref name="ct"/> fires (Lambda stops the process instead). A setting that cannot
    /// work (an endpoint variable that is not a URL) is reported to the Runtime API's /init/error and returns 1.</summary>
    /// <example><c>return await TernFunctionOptions.FromEnvironment().RunAsync(Handle);</c></example>
    public static async Task<int> RunAsync(this TernFunctionOptions options, TernHandler handler, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var api = new RuntimeApiClient(http, options.RuntimeApi);
        AwsClients clients;
        try
        {
            clients = new AwsClients(options.Aws, options.Clock, environment: options.AwsEnvironment);
            // Resolved now so a bad endpoint variable fails the start, not the first call.
            clients.Endpoints.Resolve(AwsService.Lambda, options.Region);
            clients.Endpoints.Resolve(AwsService.DynamoDb, options.TableRegion);
        }
        catch (AwsConfigurationException e)
        {
            await api.InitErrorAsync(InitErrorType, e.Message, ct).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"tern: {options.Function} cannot start: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        using (clients)
        {
            var workflowKey = PlacementStore.Key(options.WorkflowNamespace, options.WorkflowName);
            var services = new FunctionServices(
                options,
                clients.Lambda,
                new PlacementCache(new PlacementStore(clients, options.TableRegion, options.PlacementTable), options.WorkflowNamespace,
                    options.WorkflowName, options.PlacementCacheDuration, options.Clock),
                new RunState(clients.DynamoDb(options.TableRegion), options.InvocationTable, workflowKey, options.Clock, options.RecordRetention),
                new InvocationRecordStore(clients, options.TableRegion, options.InvocationTable));
            await new RuntimeLoop(api, new WorkflowInvocationHandler(services, handler), options.Clock).RunAsync(ct).ConfigureAwait(false);
            return 0;
        }
    }
}

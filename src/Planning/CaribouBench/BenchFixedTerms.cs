using Tern.Planning.CaribouBench.Model;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>What a Caribou invocation pays wherever its functions run: the placement read, the client's message, the
/// sync-table writes of joins, priced in DynamoDB and SNS units as Caribou prices them.</summary>
internal static class BenchFixedTerms
{
    /// <summary>The placement-independent cost and carbon per invocation, as expected values.</summary>
    public static (double Cost, double Carbon) Compute(
        WorkflowData workflow, List<InstanceModel> instances, List<EdgeModel> edges, List<ToInstance?> edgeData,
            InvocationProbabilities probabilities)
    {
        var constants = ModelConstants.Caribou;
        var startHop = workflow.StartHop;
        var wpdGb = startHop?.WpdSizeGb ?? 0;
        // Caribou's cost_calculator.py and workflow_instance.py: the WPD-retrieval node reads the placement record with RCU(WPD) at the
        // (constant, Caribou's loaders) DynamoDB read price, whichever node that is.
        var cost = ReadUnits(wpdGb) * BenchMapper.DynamoDbUsdPerRead;
        // Caribou's cost_calculator.py: the client's SNS message to the entry point, priced per 64 KB chunk at the
        // (constant) SNS price; Caribou's loaders: start-hop sizes fall back to [WPD size].
        var clientSizes = startHop?.FromClient?.TransferSizesGb is { Count: > 0 } sizes ? sizes : [wpdGb];
        cost += clientSizes.Average(MessageChunks) * BenchMapper.SnsUsdPerMessage;
        // Caribou's carbon_calculator.py: the client is an unknown location, so its input is counted at 410 g/kWh whatever the region.
        var carbon = clientSizes.Average() * constants.TransmissionKwhPerGb * constants.DefaultGramsPerKwh;

        for (var e = 0; e < edges.Count; e++)
        {
            // Caribou's cost_calculator.py and workflow_instance.py: the wrapper updates the sync table twice per invoked edge into a join.
            if (instances[edges[e].To].IsJoin)
            {
                cost += probabilities.Edge[e] * 2 * WriteUnits(BenchMapper.SyncSizeGb) * BenchMapper.DynamoDbUsdPerWrite;
            }
            // Caribou's cost_calculator.py and workflow_instance.py: when the source runs but does not call, each pred>sync entry
            // writes 2·WCU(sync_data_response_size) to the join. Caribou's loader reads this size correctly.
            var probabilityNotCalled = Math.Max(probabilities.Instance[edges[e].From] - probabilities.Edge[e], 0);
            foreach (var info in edgeData[e]?.NonExecutionInfo?.Values ?? [])
            {
                cost += probabilityNotCalled * 2 * WriteUnits(info.SyncDataResponseSizeGb ?? 0) * BenchMapper.DynamoDbUsdPerWrite;
            }
        }
        return (cost, carbon);
    }

    /// <summary>Caribou's cost_calculator.py: SNS bills per started 64 KB.</summary>
    private static double MessageChunks(double gb) => Math.Ceiling(gb * 1024 * 1024 / 64);

    /// <summary>Caribou's cost_calculator.py: 1 WCU per started KB.</summary>
    internal static double WriteUnits(double gb) => Math.Ceiling(gb * 1024 * 1024);

    /// <summary>Caribou's cost_calculator.py: 1 RCU per started 4 KB (strongly consistent reads).</summary>
    internal static double ReadUnits(double gb) => Math.Ceiling(gb * 1024 * 1024 / 4);
}

using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tern.Aws.Placement;
using Tern.Aws.Records;

namespace Tern.Functions.Joins;

/// <summary>A run's shared state: one DynamoDB item per run (key <c>run/&lt;runId&gt;</c> in the invocation table), updated
/// only with single conditional updates, so concurrent predecessors never lose each other's marks. For each join it
/// holds one mark per predecessor (called, skipped or failed), the payloads of those that called, and a "fired" flag
/// that exactly one predecessor manages to set; and the run's failure, if any.</summary>
internal sealed class RunState(IAmazonDynamoDB dynamoDb, string table, string workflowKey, TimeProvider clock, TimeSpan retention)
{
    /// <summary>DynamoDB's item size limit: every join payload of a run shares one item.</summary>
    public const int ItemLimitBytes = 400 * 1024;

    public const string StatusAttribute = "status";
    public const string FailedInstanceAttribute = "failedInstance";
    public const string ErrorAttribute = "error";

    /// <summary>Marks <paramref name="predecessor"/> at <paramref name="join"/> (a mark, once set, never changes, so a
    /// retried execution changes nothing) and, when this mark completes the join, claims the right to act on it.</summary>
    /// <exception cref="PayloadTooLargeException">The payload does not fit the run's item.</exception>
    public async Task<JoinProgress> MarkAsync(string runId, string join, string predecessor, PredecessorState state, string? payload,
        int expected, CancellationToken ct)
    {
        if (payload is not null && System.Text.Encoding.UTF8.GetByteCount(payload) > ItemLimitBytes)
        {
            throw TooLarge(join, predecessor, System.Text.Encoding.UTF8.GetByteCount(payload), null);
        }
        var names = new Dictionary<string, string> { ["#mark"] = Mark(join, predecessor), ["#ttl"] = TernTables.InvocationTtlAttribute };
        var values = new Dictionary<string, AttributeValue> { [":state"] = new() { S = state.ToString() }, [":ttl"] = Ttl() };
        var update = "SET #mark = if_not_exists(#mark, :state), #ttl = :ttl";
        if (payload is not null)
        {
            names["#payload"] = Payload(join, predecessor);
            values[":payload"] = new() { S = payload };
            update += ", #payload = if_not_exists(#payload, :payload)";
        }
        UpdateItemResponse response;
        try
        {
            response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = Key(runId),
                UpdateExpression = update,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            }, ct).ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException e)
            when (e.ErrorCode == "ValidationException" && e.Message.Contains("size", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(join, predecessor, System.Text.Encoding.UTF8.GetByteCount(payload ?? ""), e);
        }
        var prefix = $"mark:{join}:";
        var marks = response.Attributes.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.Value.S).ToList();
        if (marks.Count < expected)
        {
            return new JoinProgress(false, false, false);
        }
        var firedNow = await ClaimAsync(runId, join, ct).ConfigureAwait(false);
        return new JoinProgress(firedNow, marks.Contains(nameof(PredecessorState.Called)), marks.Contains(nameof(PredecessorState.Failed)));
    }

    /// <summary>The payloads of the predecessors that called the join, in <paramref name="predecessors"/>' order.</summary>
    public async Task<IReadOnlyList<string>> PayloadsAsync(string runId, string join, IReadOnlyList<string> predecessors, CancellationToken ct)
    {
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(runId), ConsistentRead = true }, ct)
            .ConfigureAwait(false)).Item ?? [];
        return [.. predecessors.Select(p => item.TryGetValue(Payload(join, p), out var value) ? value.S : null).OfType<string>()];
    }

    /// <summary>Marks the run failed; the first failure's instance and message are kept.</summary>
    public Task FailAsync(string runId, string instance, string error, CancellationToken ct) =>
        dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key(runId),
            UpdateExpression = "SET #status = :failed, #instance = if_not_exists(#instance, :instance), #error = if_not_exists(#error, :error), " +
                               "#ttl = :ttl",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#status"] = StatusAttribute, ["#instance"] = FailedInstanceAttribute, ["#error"] = ErrorAttribute,
                ["#ttl"] = TernTables.InvocationTtlAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":failed"] = new() { S = "failed" }, [":instance"] = new() { S = instance }, [":error"] = new() { S = error }, [":ttl"] = Ttl(),
            },
        }, ct);

    private async Task<bool> ClaimAsync(string runId, string join, CancellationToken ct)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = Key(runId),
                UpdateExpression = "SET #fired = :true",
                ConditionExpression = "attribute_not_exists(#fired)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#fired"] = $"fired:{join}" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":true"] = new() { BOOL = true } },
            }, ct).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Dictionary<string, AttributeValue> Key(string runId) => new()
    {
        [PlacementStore.KeyAttribute] = new() { S = workflowKey },
        [TernTables.InvocationSortKey] = new() { S = RecordKeys.Run(runId) },
    };

    private AttributeValue Ttl() =>
        new() { N = (clock.GetUtcNow() + retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };

    private static string Mark(string join, string predecessor) => $"mark:{join}:{predecessor}";

    private static string Payload(string join, string predecessor) => $"payload:{join}:{predecessor}";

    private static PayloadTooLargeException TooLarge(string join, string predecessor, int bytes, Exception? inner)
    {
        var message = $"The payload {predecessor} sends to the join {join} ({bytes:N0} bytes) does not fit: all payloads a run sends to its joins " +
                      $"share one DynamoDB item, limited to {ItemLimitBytes:N0} bytes. Store large data elsewhere (for example S3) and pass its key.";
        return inner is null ? new PayloadTooLargeException(message) : new PayloadTooLargeException(message, inner);
    }
}

/// <summary>What a predecessor did about a join.</summary>
internal enum PredecessorState
{
    Called,
    Skipped,
    Failed,
}

/// <summary>The join after a mark: whether this mark completed it and won the right to act, and what the marks say.</summary>
internal sealed record JoinProgress(bool FiredNow, bool AnyCalled, bool AnyFailed);

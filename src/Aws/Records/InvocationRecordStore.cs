using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tern.Aws.Http;
using Tern.Aws.Placement;

namespace Tern.Aws.Records;

/// <summary>Writes and reads invocation records in the invocation table (key: <c>workflow</c> + <c>invocationId</c>, see
/// <see cref="RecordKeys"/>). Records are written once and never changed; DynamoDB deletes them at their TTL.</summary>
public interface IInvocationRecordStore
{
    /// <summary>Stores <paramref name="record"/> until <paramref name="expiresAt"/> (DynamoDB's TTL).</summary>
    Task WriteAsync(InvocationRecord record, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>Every record of the workflow whose execution started at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<InvocationRecord>> ReadSinceAsync(string workflowNamespace, string workflow, DateTimeOffset since, CancellationToken ct);
}

/// <summary>The DynamoDB implementation, on the official SDK client.</summary>
public sealed class InvocationRecordStore : IInvocationRecordStore
{
    /// <summary>Item attributes besides the key: the record's JSON, its schema version and the run it belongs to.</summary>
    public const string RecordAttribute = "record";
    public const string SchemaAttribute = "schemaVersion";
    public const string RunAttribute = "runId";

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly string _table;
    private readonly DynamoDbCalls _calls;

    /// <summary>A store over <paramref name="clients"/>' DynamoDB client of <paramref name="region"/>.</summary>
    public InvocationRecordStore(AwsClients clients, string region, string table = TernTables.DefaultInvocationTable)
        : this((clients ?? throw new ArgumentNullException(nameof(clients))).DynamoDb(region), table, new DynamoDbCalls(clients.Context, region))
    {
    }

    internal InvocationRecordStore(IAmazonDynamoDB dynamoDb, string table, DynamoDbCalls calls)
    {
        _dynamoDb = dynamoDb;
        _table = table;
        _calls = calls;
    }

    public async Task WriteAsync(InvocationRecord record, DateTimeOffset expiresAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                [PlacementStore.KeyAttribute] = new() { S = record.Workflow },
                [TernTables.InvocationSortKey] = new() { S = RecordKeys.Record(record) },
                [RunAttribute] = new() { S = record.RunId },
                [SchemaAttribute] = new() { N = record.SchemaVersion.ToString(CultureInfo.InvariantCulture) },
                [TernTables.InvocationTtlAttribute] = new() { N = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                [RecordAttribute] = new() { S = record.ToJson() },
            },
        };
        await _calls.RunAsync(DynamoDbOperations.PutItem, _table, () => _dynamoDb.PutItemAsync(request, ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InvocationRecord>> ReadSinceAsync(string workflowNamespace, string workflow, DateTimeOffset since,
        CancellationToken ct)
    {
        var key = PlacementStore.Key(workflowNamespace, workflow);
        var records = new List<InvocationRecord>();
        Dictionary<string, AttributeValue>? next = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#workflow = :workflow AND #id BETWEEN :from AND :to",
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#workflow"] = PlacementStore.KeyAttribute,
                    ["#id"] = TernTables.InvocationSortKey,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":workflow"] = new() { S = key },
                    [":from"] = new() { S = RecordKeys.RecordsFrom(since) },
                    [":to"] = new() { S = RecordKeys.RecordsEnd },
                },
                ExclusiveStartKey = next,
            };
            var page = await _calls.RunAsync(DynamoDbOperations.Query, _table, () => _dynamoDb.QueryAsync(request, ct)).ConfigureAwait(false);
            records.AddRange((page.Items ?? []).Select(item => Decode(key, item)).OfType<InvocationRecord>());
            next = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (next is not null);
        return records;
    }

    // A record of a newer schema than this code reads is skipped rather than misread: the profile is built from the rest.
    private InvocationRecord? Decode(string key, Dictionary<string, AttributeValue> item)
    {
        var schema = item.TryGetValue(SchemaAttribute, out var value) && int.TryParse(value.N, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : 1;
        if (schema > InvocationRecord.CurrentSchemaVersion || !item.TryGetValue(RecordAttribute, out var json) || json.S is null)
        {
            return null;
        }
        try
        {
            return InvocationRecord.FromJson(json.S);
        }
        catch (JsonException e)
        {
            var why = $"its JSON is not an invocation record ({e.Message})";
            throw new PlacementException($"An invocation record of {key} in table {_table} cannot be read: {why}.",
                new AwsFailure(AwsFailureKind.InvalidResponse, "dynamodb", DynamoDbOperations.Query.Name, _calls.Region, null, why, null, 1), e);
        }
    }
}

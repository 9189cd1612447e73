using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tern.Aws.Http;

namespace Tern.Aws.Placement;

/// <summary>Reads and writes placement records in DynamoDB: one item per workflow, keyed by "namespace/name",
/// holding the record's JSON and its version. A write names the version it replaces and DynamoDB applies it only
/// if that is still the stored version, so two writers (two operators during a hand-over) can never interleave:
/// the second gets <see cref="PlacementWriteStatus.Conflict"/> and must read again.</summary>
public interface IPlacementStore
{
    /// <summary>The workflow's record, or null when none was written. <paramref name="consistent"/> reads the latest
    /// write (DynamoDB reads are otherwise eventually consistent).</summary>
    Task<PlacementRecord?> GetAsync(string workflowNamespace, string workflow, bool consistent, CancellationToken ct);

    /// <summary>Writes <paramref name="record"/> if the stored version is still <paramref name="record"/>.Version − 1
    /// (no item when Version is 1).</summary>
    Task<PlacementWriteResult> PutAsync(PlacementRecord record, CancellationToken ct);

    /// <summary>Removes the workflow's record (when the workflow is deleted); no record is no error.</summary>
    Task DeleteAsync(string workflowNamespace, string workflow, CancellationToken ct);
}

/// <summary>Whether a conditional write was applied.</summary>
public enum PlacementWriteStatus
{
    Written,

    /// <summary>Another writer got there first: the stored version is not the one this write replaces.</summary>
    Conflict,
}

/// <summary>The outcome of a write, as data: a conflict is an expected race, not a failure.</summary>
public sealed record PlacementWriteResult(PlacementWriteStatus Status, long Version);

/// <summary>The DynamoDB implementation, on the official SDK client.</summary>
public sealed class PlacementStore : IPlacementStore
{
    /// <summary>Item attribute names; the table's key is <see cref="KeyAttribute"/> (a string).</summary>
    public const string KeyAttribute = "workflow";
    public const string VersionAttribute = "version";
    public const string SchemaAttribute = "schemaVersion";
    public const string ExpiresAttribute = "expiresAt";
    public const string RecordAttribute = "record";

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly string _table;
    private readonly DynamoDbCalls _calls;

    /// <summary>A store over <paramref name="clients"/>' DynamoDB client of <paramref name="region"/>.</summary>
    public PlacementStore(AwsClients clients, string region, string table = TernTables.DefaultPlacementTable)
        : this((clients ?? throw new ArgumentNullException(nameof(clients))).DynamoDb(region), table, new DynamoDbCalls(clients.Context, region))
    {
    }

    internal PlacementStore(IAmazonDynamoDB dynamoDb, string table, DynamoDbCalls calls)
    {
        _dynamoDb = dynamoDb;
        _table = table;
        _calls = calls;
    }

    /// <summary>The item key of a workflow.</summary>
    public static string Key(string workflowNamespace, string workflow) => $"{workflowNamespace}/{workflow}";

    public async Task<PlacementRecord?> GetAsync(string workflowNamespace, string workflow, bool consistent, CancellationToken ct)
    {
        var request = new GetItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, AttributeValue> { [KeyAttribute] = new() { S = Key(workflowNamespace, workflow) } },
            ConsistentRead = consistent,
        };
        var response = await _calls.RunAsync(DynamoDbOperations.GetItem, _table, () => _dynamoDb.GetItemAsync(request, ct)).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item || !item.TryGetValue(RecordAttribute, out var json))
        {
            return null;
        }
        return Decode(Key(workflowNamespace, workflow), item, json.S);
    }

    public async Task<PlacementWriteResult> PutAsync(PlacementRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Version < 1)
        {
            throw new ArgumentException($"Placement version {record.Version} is not positive; the first record is version 1.", nameof(record));
        }
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                [KeyAttribute] = new() { S = Key(record.Namespace, record.Workflow) },
                [VersionAttribute] = new() { N = record.Version.ToString(CultureInfo.InvariantCulture) },
                [SchemaAttribute] = new() { N = record.SchemaVersion.ToString(CultureInfo.InvariantCulture) },
                [ExpiresAttribute] = new() { S = record.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                [RecordAttribute] = new() { S = record.ToJson() },
            },
        };
        if (record.Version == 1)
        {
            request.ConditionExpression = "attribute_not_exists(#key)";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#key"] = KeyAttribute };
        }
        else
        {
            request.ConditionExpression = "#version = :previous";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttribute };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":previous"] = new() { N = (record.Version - 1).ToString(CultureInfo.InvariantCulture) },
            };
        }
        try
        {
            await _calls.RunAsync(DynamoDbOperations.PutItem, _table, () => _dynamoDb.PutItemAsync(request, ct)).ConfigureAwait(false);
            return new PlacementWriteResult(PlacementWriteStatus.Written, record.Version);
        }
        catch (PlacementException e) when (e.ErrorCode == "ConditionalCheckFailedException")
        {
            return new PlacementWriteResult(PlacementWriteStatus.Conflict, record.Version);
        }
    }

    public async Task DeleteAsync(string workflowNamespace, string workflow, CancellationToken ct)
    {
        var request = new DeleteItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, AttributeValue> { [KeyAttribute] = new() { S = Key(workflowNamespace, workflow) } },
        };
        await _calls.RunAsync(DynamoDbOperations.DeleteItem, _table, () => _dynamoDb.DeleteItemAsync(request, ct)).ConfigureAwait(false);
    }

    private PlacementRecord Decode(string key, Dictionary<string, AttributeValue> item, string? json)
    {
        var schema = item.TryGetValue(SchemaAttribute, out var value) && int.TryParse(value.N, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : 1;
        if (schema > PlacementRecord.CurrentSchemaVersion)
        {
            throw Invalid(key, $"it has schema version {schema}, newer than this Tern reads ({PlacementRecord.CurrentSchemaVersion}); upgrade Tern");
        }
        try
        {
            return PlacementRecord.FromJson(json ?? throw new JsonException("the record attribute is not a string"));
        }
        catch (JsonException e)
        {
            throw Invalid(key, $"its JSON is not a placement record ({e.Message})");
        }
    }

    private PlacementException Invalid(string key, string why) =>
        new($"The placement item {key} in table {_table} cannot be read: {why}.",
            new AwsFailure(AwsFailureKind.InvalidResponse, "dynamodb", DynamoDbOperations.GetItem.Name, _calls.Region, null, why, null, 1), null);
}

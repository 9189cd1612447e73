using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tern.Aws.Http;

namespace Tern.Aws.Placement;

/// <summary>Creates Tern's DynamoDB tables when missing (on-demand billing), waits until they are ACTIVE, turns on
/// the invocation table's TTL, and checks that the store's item actions are allowed — what `tern aws setup` runs.
/// Running it again changes nothing.</summary>
public sealed class TernTables
{
    public const string DefaultPlacementTable = "tern-placements";
    public const string DefaultInvocationTable = "tern-invocations";

    /// <summary>The invocation table's sort key and TTL attribute (records are written by the function library).</summary>
    public const string InvocationSortKey = "invocationId";
    public const string InvocationTtlAttribute = "expiresAtEpochSeconds";

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly DynamoDbCalls _calls;
    private readonly TimeProvider _time;

    public TernTables(AwsClients clients, string region)
        : this((clients ?? throw new ArgumentNullException(nameof(clients))).DynamoDb(region), new DynamoDbCalls(clients.Context, region),
            clients.Context.Time)
    {
    }

    internal TernTables(IAmazonDynamoDB dynamoDb, DynamoDbCalls calls, TimeProvider time)
    {
        _dynamoDb = dynamoDb;
        _calls = calls;
        _time = time;
    }

    /// <summary>How long to wait for a new table to become ACTIVE.</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often to look while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Makes sure both tables exist and are usable.</summary>
    /// <exception cref="PlacementException">A call failed, or a table did not become ACTIVE in time.</exception>
    public async Task<TableSetupReport> EnsureAsync(string placementTable = DefaultPlacementTable, string invocationTable = DefaultInvocationTable,
        CancellationToken ct = default)
    {
        var placement = await EnsureTableAsync(placementTable, [new(PlacementStore.KeyAttribute, KeyType.HASH)], ct).ConfigureAwait(false);
        var invocations = await EnsureTableAsync(invocationTable,
            [new(PlacementStore.KeyAttribute, KeyType.HASH), new(InvocationSortKey, KeyType.RANGE)], ct).ConfigureAwait(false);
        await EnsureTimeToLiveAsync(invocationTable, ct).ConfigureAwait(false);
        var permissions = await CheckItemPermissionsAsync(placementTable, ct).ConfigureAwait(false);
        return new TableSetupReport([placement, invocations], permissions);
    }

    private async Task<TableSetup> EnsureTableAsync(string table, List<KeySchemaElement> keys, CancellationToken ct)
    {
        var status = await StatusAsync(table, ct).ConfigureAwait(false);
        var created = false;
        if (status is null)
        {
            var request = new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = keys,
                AttributeDefinitions = [.. keys.Select(k => new AttributeDefinition(k.AttributeName, ScalarAttributeType.S))],
            };
            try
            {
                await _calls.RunAsync(DynamoDbOperations.CreateTable, table, () => _dynamoDb.CreateTableAsync(request, ct)).ConfigureAwait(false);
                created = true;
            }
            catch (PlacementException e) when (e.ErrorCode == "ResourceInUseException")
            {
                // Created by another setup between the two calls.
            }
        }
        var waited = TimeSpan.Zero;
        while ((status = await StatusAsync(table, ct).ConfigureAwait(false)) != TableStatus.ACTIVE)
        {
            if (waited >= ActiveTimeout)
            {
                var state = status?.Value ?? "missing";
                throw new PlacementException($"Table {table} in {_calls.Region} is still {state} after {ActiveTimeout.TotalSeconds:0} s; " +
                                             "run the setup again once DynamoDB has finished.");
            }
            await Task.Delay(PollInterval, _time, ct).ConfigureAwait(false);
            waited += PollInterval;
        }
        return new TableSetup(table, created, status.Value);
    }

    private async Task<TableStatus?> StatusAsync(string table, CancellationToken ct)
    {
        try
        {
            var described = await _calls.RunAsync(DynamoDbOperations.DescribeTable, table,
                () => _dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct)).ConfigureAwait(false);
            return described.Table.TableStatus;
        }
        catch (PlacementException e) when (e.Kind == AwsFailureKind.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureTimeToLiveAsync(string table, CancellationToken ct)
    {
        var current = await _calls.RunAsync(DynamoDbOperations.DescribeTimeToLive, table,
            () => _dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table }, ct)).ConfigureAwait(false);
        if (current.TimeToLiveDescription?.TimeToLiveStatus is { } ttl && (ttl == TimeToLiveStatus.ENABLED || ttl == TimeToLiveStatus.ENABLING))
        {
            return;
        }
        var request = new UpdateTimeToLiveRequest
        {
            TableName = table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = InvocationTtlAttribute, Enabled = true },
        };
        await _calls.RunAsync(DynamoDbOperations.UpdateTimeToLive, table, () => _dynamoDb.UpdateTimeToLiveAsync(request, ct)).ConfigureAwait(false);
    }

    /// <summary>Tries each item action on a probe key in a way that changes nothing: a read, a write whose condition
    /// cannot hold, and a delete of a key that does not exist. Denied actions are reported, not thrown.</summary>
    private async Task<IReadOnlyList<PermissionCheck>> CheckItemPermissionsAsync(string table, CancellationToken ct)
    {
        var key = new Dictionary<string, AttributeValue> { [PlacementStore.KeyAttribute] = new() { S = "tern-setup/permission-probe" } };
        var checks = new List<PermissionCheck>
        {
            await ProbeAsync(DynamoDbOperations.GetItem, table,
                () => _dynamoDb.GetItemAsync(new GetItemRequest { TableName = table, Key = key }, ct)).ConfigureAwait(false),
            await ProbeAsync(DynamoDbOperations.PutItem, table, () => _dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = key,
                ConditionExpression = "attribute_exists(#key) AND attribute_not_exists(#key)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#key"] = PlacementStore.KeyAttribute },
            }, ct)).ConfigureAwait(false),
            await ProbeAsync(DynamoDbOperations.DeleteItem, table,
                () => _dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = key }, ct))
                .ConfigureAwait(false),
        };
        return checks;
    }

    private async Task<PermissionCheck> ProbeAsync<T>(AwsOperation operation, string table, Func<Task<T>> call)
    {
        try
        {
            await _calls.RunAsync(operation, table, call).ConfigureAwait(false);
            return new PermissionCheck(operation.IamAction, true, null);
        }
        catch (PlacementException e) when (e.ErrorCode == "ConditionalCheckFailedException")
        {
            return new PermissionCheck(operation.IamAction, true, null);
        }
        catch (PlacementException e) when (e.Kind == AwsFailureKind.AccessDenied)
        {
            return new PermissionCheck(operation.IamAction, false, e.Message);
        }
    }
}

/// <summary>What the setup found and did.</summary>
public sealed record TableSetupReport(IReadOnlyList<TableSetup> Tables, IReadOnlyList<PermissionCheck> Permissions)
{
    /// <summary>True when every probed action is allowed.</summary>
    public bool AllAllowed => Permissions.All(p => p.Allowed);
}

/// <summary>One table: whether this run created it, and its status.</summary>
public sealed record TableSetup(string Name, bool Created, string Status);

/// <summary>Whether an IAM action is allowed; the message says why not.</summary>
public sealed record PermissionCheck(string Action, bool Allowed, string? Message);

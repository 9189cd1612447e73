using System.Globalization;
using Tern.Aws;
using Tern.Aws.Placement;

namespace Tern.Functions;

/// <summary>What a function built on Tern needs to know, checked when it is built: <see cref="FromEnvironment"/> names the
/// environment variable at fault. The operator sets the TERN_ variables on every copy it deploys; `tern dev` sets
/// them for local runs; Lambda sets the AWS_ ones.</summary>
public sealed record TernFunctionOptions
{
    public const string WorkflowVariable = "TERN_WORKFLOW";
    public const string FunctionVariable = "TERN_FUNCTION";
    public const string TableRegionVariable = "TERN_TABLE_REGION";
    public const string PlacementTableVariable = "TERN_PLACEMENT_TABLE";
    public const string InvocationTableVariable = "TERN_INVOCATION_TABLE";
    public const string HomeShareVariable = "TERN_HOME_SHARE";
    public const string PlacementCacheVariable = "TERN_PLACEMENT_CACHE_SECONDS";
    public const string RecordRetentionVariable = "TERN_RECORD_RETENTION_DAYS";
    public const string MaxHopsVariable = "TERN_MAX_HOPS";
    public const string RandomSeedVariable = "TERN_RANDOM_SEED";
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string RegionVariable = "AWS_REGION";
    public const string MemoryVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    /// <summary>The workflow's namespace, as in Kubernetes.</summary>
    public required string WorkflowNamespace { get; init; }

    /// <summary>The workflow's name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The workflow function this process runs.</summary>
    public required string Function { get; init; }

    /// <summary>The region of this copy.</summary>
    public required string Region { get; init; }

    /// <summary>host:port of the Lambda Runtime API.</summary>
    public required string RuntimeApi { get; init; }

    /// <summary>The region of Tern's DynamoDB tables (the operator's region).</summary>
    public required string TableRegion { get; init; }

    public string PlacementTable { get; init; } = TernTables.DefaultPlacementTable;

    public string InvocationTable { get; init; } = TernTables.DefaultInvocationTable;

    /// <summary>The share of runs (0 to 1) that stay in the home region so its profile stays fresh.</summary>
    public double HomeShare { get; init; } = 0.1;

    /// <summary>How long a placement record read is reused by functions after the entry (the entry always reads afresh).</summary>
    public TimeSpan PlacementCacheDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long invocation records and run state are kept (DynamoDB's TTL).</summary>
    public TimeSpan RecordRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Calls a run may make one after another before it is stopped (a guard against a mis-wired graph).</summary>
    public int MaxHops { get; init; } = 20;

    /// <summary>The memory the copy is configured with, in MiB (billed memory in the records).</summary>
    public int MemoryMiB { get; init; } = 128;

    /// <summary>Seeds the home-share draw; null seeds it from the operating system.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>How the AWS clients reach AWS: endpoints from AWS_ENDPOINT_URL(_LAMBDA, _DYNAMODB), credentials from the
    /// SDK's default chain unless given.</summary>
    public AwsConfiguration Aws { get; init; } = new();

    /// <summary>Reads AWS_ENDPOINT_URL… for the AWS clients; the process environment unless replaced.</summary>
    public Func<string, string?> AwsEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock of deadlines, time keys and records.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The options from environment variables.</summary>
    /// <exception cref="TernFunctionConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static TernFunctionOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        string Required(string name) => read(name) is { Length: > 0 } value
            ? value.Trim()
            : throw new TernFunctionConfigurationException($"The environment variable {name} is not set; {Purpose(name)}.");
        var workflow = Required(WorkflowVariable);
        var slash = workflow.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == workflow.Length - 1 || workflow.IndexOf('/', slash + 1) >= 0)
        {
            throw new TernFunctionConfigurationException($"{WorkflowVariable} '{workflow}' is not <namespace>/<workflow name>, such as shop/orders.");
        }
        var options = new TernFunctionOptions
        {
            WorkflowNamespace = workflow[..slash],
            WorkflowName = workflow[(slash + 1)..],
            Function = Required(FunctionVariable),
            Region = ParseRegion(read, RegionVariable, Required(RegionVariable)),
            RuntimeApi = Required(RuntimeApiVariable),
            TableRegion = ParseRegion(read, TableRegionVariable, Required(TableRegionVariable)),
            PlacementTable = read(PlacementTableVariable) is { Length: > 0 } placement ? placement : TernTables.DefaultPlacementTable,
            InvocationTable = read(InvocationTableVariable) is { Length: > 0 } invocations ? invocations : TernTables.DefaultInvocationTable,
            HomeShare = Number(read, HomeShareVariable, 0.1, 0, 1),
            PlacementCacheDuration = TimeSpan.FromSeconds(Number(read, PlacementCacheVariable, 10, 0, 3600)),
            RecordRetention = TimeSpan.FromDays(Number(read, RecordRetentionVariable, 30, 1, 365)),
            MaxHops = (int)Number(read, MaxHopsVariable, 20, 1, 1000),
            MemoryMiB = (int)Number(read, MemoryVariable, 128, 128, 10240),
            RandomSeed = read(RandomSeedVariable) is { Length: > 0 } ? (int)Number(read, RandomSeedVariable, 0, int.MinValue, int.MaxValue) : null,
        };
        return options;
    }

    private static string ParseRegion(Func<string, string?> read, string name, string value) => AwsConfiguration.IsRegionName(value)
        ? value
        : throw new TernFunctionConfigurationException($"{name} '{read(name)}' is not an AWS region name such as eu-west-1.");

    private static double Number(Func<string, string?> read, string name, double fallback, double min, double max)
    {
        if (read(name) is not { Length: > 0 } text)
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new TernFunctionConfigurationException(
                string.Create(CultureInfo.InvariantCulture, $"{name} '{text}' is not a number from {min} to {max}."));
        }
        return value;
    }

    private static string Purpose(string name) => name switch
    {
        WorkflowVariable => "Tern sets it to <namespace>/<workflow name> on every copy it deploys",
        FunctionVariable => "Tern sets it to the workflow function the copy runs",
        TableRegionVariable => "Tern sets it to the region of its DynamoDB tables",
        RuntimeApiVariable => "Lambda sets it; outside Lambda run the function with `tern dev`",
        RegionVariable => "Lambda sets it to the copy's region",
        _ => "it is required",
    };
}

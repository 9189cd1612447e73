using Tern.Aws.Lambda.Client;
using Tern.Aws.Records;
using Tern.Functions.Joins;
using Tern.Functions.Routing;

namespace Tern.Functions.Execution;

/// <summary>What every execution of the process shares: the options, the clients and the draws of the home share.</summary>
internal sealed class FunctionServices(
    TernFunctionOptions options,
    Func<string, ILambdaClient> lambda,
    PlacementCache placements,
    RunState runs,
    IInvocationRecordStore records)
{
    private readonly Random _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _randomLock = new();

    public TernFunctionOptions Options => options;

    public TimeProvider Clock => options.Clock;

    public PlacementCache Placements => placements;

    public RunState Runs => runs;

    public IInvocationRecordStore Records => records;

    public ILambdaClient Lambda(string region) => lambda(region);

    /// <summary>True for the share of runs that stay in the home region; drawn once per run, at its entry.</summary>
    public bool DrawHomeRun()
    {
        lock (_randomLock)
        {
            return _random.NextDouble() < options.HomeShare;
        }
    }

    /// <summary>A new run id: 32 hex digits.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N");
}

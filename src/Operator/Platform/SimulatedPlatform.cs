using System.Collections.Concurrent;
using Tern.Planning.Profiles;

namespace Tern.Operator.Platform;

/// <summary>A stand-in for AWS so the whole loop can be watched without an account: copies become Active
/// after a per-region deploy latency, regions can be made to fail, and invocations arrive at a steady
/// rate. It enforces the one rule that matters for safety: a placement may route only to Active copies.</summary>
internal sealed class SimulatedPlatform(TimeProvider clock, SimulationOptions? options = null) : IFunctionPlatform
{
    private readonly SimulationOptions _options = options ?? new SimulationOptions();
    private readonly ConcurrentDictionary<(WorkflowId, string, string), (FunctionCopySpec Spec, DateTimeOffset Created)> _copies = new();
    private readonly ConcurrentDictionary<WorkflowId, PlacementRecord> _placements = new();
    private readonly ConcurrentDictionary<WorkflowId, DateTimeOffset> _firstSeen = new();
    private int _operations;

    /// <summary>Create, update and delete calls made so far (to check that nothing is done twice).</summary>
    public int Operations => _operations;

    public async Task<CopyReport> EnsureCopyAsync(FunctionCopySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_options.CallLatency > TimeSpan.Zero)
        {
            await Task.Delay(_options.CallLatency, clock, cancellationToken).ConfigureAwait(false);
        }
        _firstSeen.TryAdd(spec.Workflow, clock.GetUtcNow());
        var key = (spec.Workflow, spec.Function, spec.Region);
        var entry = _copies.AddOrUpdate(key,
            _ =>
            {
                Interlocked.Increment(ref _operations);
                return (spec, clock.GetUtcNow());
            },
            (_, existing) =>
            {
                if (existing.Spec == spec || SameSpec(existing.Spec, spec))
                {
                    return existing;
                }
                Interlocked.Increment(ref _operations);
                return (spec, clock.GetUtcNow());
            });
        return State(entry.Spec, entry.Created);
    }

    public Task<IReadOnlyList<CopyReport>> ListCopiesAsync(WorkflowId workflow, IReadOnlyCollection<string> regions,
        CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CopyReport>>([.. _copies.Where(c => c.Key.Item1 == workflow && regions.Contains(c.Key.Item3))
            .Select(c => State(c.Value.Spec, c.Value.Created))]);

    /// <summary>Every copy of the workflow in any region (the simulation sees them all at once).</summary>
    public Task<IReadOnlyList<CopyReport>> ListCopiesAsync(WorkflowId workflow, CancellationToken cancellationToken) =>
        ListCopiesAsync(workflow, [.. _copies.Keys.Select(k => k.Item3).Distinct()], cancellationToken);

    public Task DeleteCopyAsync(WorkflowId workflow, string function, string region, CancellationToken cancellationToken)
    {
        if (_copies.TryRemove((workflow, function, region), out _))
        {
            Interlocked.Increment(ref _operations);
        }
        return Task.CompletedTask;
    }

    public Task PublishPlacementAsync(PlacementRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var (function, region) in record.Targets)
        {
            if (!_copies.TryGetValue((record.Workflow, function, region), out var copy) || State(copy.Spec, copy.Created).Status != CopyStatus.Active)
            {
                throw new PlacementRefusedException($"Refusing to route {record.Workflow} to {function} in {region}: the copy is not Active.");
            }
        }
        _placements[record.Workflow] = record;
        return Task.CompletedTask;
    }

    public Task<PlacementRecord?> GetPlacementAsync(WorkflowId workflow, CancellationToken cancellationToken) =>
        Task.FromResult(_placements.GetValueOrDefault(workflow));

    public Task DeletePlacementAsync(WorkflowId workflow, CancellationToken cancellationToken)
    {
        _placements.TryRemove(workflow, out _);
        return Task.CompletedTask;
    }

    public Task<long> InvocationCountAsync(WorkflowId workflow, CancellationToken cancellationToken)
    {
        var since = _firstSeen.GetOrAdd(workflow, clock.GetUtcNow());
        return Task.FromResult((long)((clock.GetUtcNow() - since).TotalMinutes * _options.InvocationsPerMinute));
    }

    /// <summary>The simulation runs no functions, so it records no executions: plans use the workflow's priors.</summary>
    public Task<IReadOnlyList<ExecutionSample>> ExecutionsSinceAsync(WorkflowId workflow, DateTimeOffset since,
        CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExecutionSample>>([]);

    private CopyReport State(FunctionCopySpec spec, DateTimeOffset created)
    {
        if (_options.FailingRegions.Contains(spec.Region))
        {
            return new CopyReport(spec, CopyStatus.Failed, $"simulated failure in {spec.Region}", created);
        }
        var latency = _options.DeployLatency.GetValueOrDefault(spec.Region, _options.DefaultDeployLatency);
        var activeAt = created + latency;
        return clock.GetUtcNow() >= activeAt
            ? new CopyReport(spec, CopyStatus.Active, null, activeAt)
            : new CopyReport(spec, CopyStatus.Pending, $"deploying, Active in {(activeAt - clock.GetUtcNow()).TotalSeconds:0} s", created);
    }

    private static bool SameSpec(FunctionCopySpec a, FunctionCopySpec b) =>
        a with { Environment = b.Environment } == b && a.Environment.Count == b.Environment.Count && !a.Environment.Except(b.Environment).Any();
}

/// <summary>Knobs of the simulation.</summary>
internal sealed record SimulationOptions
{
    /// <summary>Time a new copy takes to become Active when its region has no entry in <see cref="DeployLatency"/>.</summary>
    public TimeSpan DefaultDeployLatency { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Deploy time per region.</summary>
    public IReadOnlyDictionary<string, TimeSpan> DeployLatency { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Regions where every deployment fails.</summary>
    public IReadOnlySet<string> FailingRegions { get; init; } = new HashSet<string>();

    /// <summary>Time each EnsureCopy call takes before it has any effect, as a slow cloud API call would.</summary>
    public TimeSpan CallLatency { get; init; }

    /// <summary>Invocations recorded per minute for every workflow.</summary>
    public double InvocationsPerMinute { get; init; } = 10;
}

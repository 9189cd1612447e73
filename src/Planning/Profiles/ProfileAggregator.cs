namespace Tern.Planning.Profiles;

/// <summary>Turns recorded executions into a <see cref="WorkflowProfile"/>. The rules, as Caribou applies them to its
/// logs: an execution Lambda ran twice (its request id seen twice, or its instance twice in one run) is left out
/// entirely; a cold start is left out of run times and latencies (start-up is not the function's run time) but still
/// tells whether calls happened; a failed execution is left out of run times and call counts (calls it never reached
/// are not conditional non-calls). Each exclusion is counted.</summary>
public static class ProfileAggregator
{
    public static WorkflowProfile Aggregate(IEnumerable<ExecutionSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var all = samples.ToList();
        var retriedRequests = all.GroupBy(s => s.RequestId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var repeatedInstances = all.GroupBy(s => (s.RunId, s.Instance)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var kept = all.Where(s => !retriedRequests.Contains(s.RequestId) && !repeatedInstances.Contains((s.RunId, s.Instance))).ToList();
        var succeeded = kept.Where(s => !s.Failed).ToList();
        var warm = succeeded.Where(s => !s.ColdStart).ToList();

        var runtimes = warm.GroupBy(s => s.Instance, StringComparer.Ordinal).ToDictionary(
            i => i.Key,
            i => (IReadOnlyDictionary<string, IReadOnlyList<double>>)i.GroupBy(s => s.Region, StringComparer.Ordinal)
                .ToDictionary(r => r.Key, r => (IReadOnlyList<double>)[.. r.Select(s => s.DurationSeconds)], StringComparer.Ordinal),
            StringComparer.Ordinal);
        var calls = succeeded.SelectMany(s => s.Successors.Select(c => (From: s.Instance, Call: c)))
            .GroupBy(c => (c.From, c.Call.Instance))
            .ToDictionary(g => g.Key, g => new CallProfile(g.Count(c => c.Call.Called), g.Count(c => !c.Call.Called),
                [.. g.Where(c => c.Call.Called).Select(c => c.Call.PayloadBytes)]));
        var latencies = warm.Where(s => s.Caller is not null).GroupBy(s => (s.Caller!.Region, s.Region))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)[.. g.Select(s => s.Caller!.LatencySeconds)]);
        return new WorkflowProfile
        {
            Runs = all.Where(s => s.Caller is null).Select(s => s.RunId).Distinct(StringComparer.Ordinal).LongCount(),
            RuntimeSeconds = runtimes,
            Calls = calls,
            LatencySeconds = latencies,
            ColdStarts = kept.Count(s => s.ColdStart && !s.Failed),
            Retried = all.Count - kept.Count,
            Failed = kept.Count(s => s.Failed),
        };
    }
}

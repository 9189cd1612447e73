using Tern.Planning.Profiles;

namespace Tern.Planning.Tests.Profiles;

/// <summary>Records to profile, checked against figures worked out by hand below.</summary>
public sealed class ProfileAggregatorTests
{
    private const string East = "us-east-1";
    private const string West = "eu-west-1";

    private static ExecutionSample A(string run, double seconds, bool cold = false, bool failed = false, long toB = 0, long toC = 0) =>
        new(run, "a", East, $"{run}-a", seconds, cold, null, [new SampleCall("b", toB > 0, toB), new SampleCall("c", toC > 0, toC)], failed);

    private static ExecutionSample Callee(string run, string instance, string region, double seconds, double latency, bool cold = false,
        string? requestId = null) =>
        new(run, instance, region, requestId ?? $"{run}-{instance}", seconds, cold, new SampleCaller("a", East, latency), [], false);

    // run1: a calls b (100 B) and c (50 B); all warm.
    // run2: a is cold, skips b, calls c (60 B).
    // run3: a calls b (200 B) and c (70 B); b is cold; c ran twice under one request id (a Lambda retry).
    // run4: a fails before calling anything.
    private static readonly ExecutionSample[] Samples =
    [
        A("run1", 2.0, toB: 100, toC: 50), Callee("run1", "b", West, 1.0, 0.10), Callee("run1", "c", East, 0.5, 0.05),
        A("run2", 3.0, cold: true, toC: 60), Callee("run2", "c", East, 0.6, 0.07),
        A("run3", 2.2, toB: 200, toC: 70), Callee("run3", "b", West, 1.5, 0.30, cold: true),
        Callee("run3", "c", East, 0.9, 0.2, requestId: "dup"), Callee("run3", "c", East, 0.8, 0.2, requestId: "dup"),
        A("run4", 1.0, failed: true),
    ];

    [Fact]
    public void Runs_are_counted_once_each_by_their_entry()
    {
        Assert.Equal(4, ProfileAggregator.Aggregate(Samples).Runs);
    }

    [Fact]
    public void Run_times_leave_out_cold_starts_retries_and_failures_and_each_exclusion_is_counted()
    {
        var profile = ProfileAggregator.Aggregate(Samples);

        Assert.Equal([2.0, 2.2], profile.RuntimeSeconds["a"][East]);
        Assert.Equal([1.0], profile.RuntimeSeconds["b"][West]);
        Assert.Equal([0.5, 0.6], profile.RuntimeSeconds["c"][East]);
        Assert.Equal((2, 2, 1), (profile.ColdStarts, profile.Retried, profile.Failed));
    }

    [Fact]
    public void Call_probabilities_are_calls_over_successful_executions_of_the_caller_cold_ones_included()
    {
        var profile = ProfileAggregator.Aggregate(Samples);

        // a→b: called in run1 and run3, skipped in run2; run4 failed and does not count: 2 / 3.
        Assert.Equal((2, 1), (profile.Calls[("a", "b")].Called, profile.Calls[("a", "b")].NotCalled));
        Assert.Equal(2.0 / 3, profile.Calls[("a", "b")].Probability, 12);
        Assert.Equal([100L, 200L], profile.Calls[("a", "b")].PayloadBytes);
        // a→c: called in runs 1 to 3: 3 / 3.
        Assert.Equal(1.0, profile.Calls[("a", "c")].Probability);
        Assert.Equal([50L, 60L, 70L], profile.Calls[("a", "c")].PayloadBytes);
    }

    [Fact]
    public void Latencies_between_regions_come_from_warm_unretried_callees()
    {
        var profile = ProfileAggregator.Aggregate(Samples);

        Assert.Equal([0.10], profile.LatencySeconds[(East, West)]);
        Assert.Equal([0.05, 0.07], profile.LatencySeconds[(East, East)]);
    }

    [Fact]
    public void No_records_give_an_empty_profile()
    {
        var profile = ProfileAggregator.Aggregate([]);

        Assert.Equal((0L, 0, 0), (profile.Runs, profile.RuntimeSeconds.Count, profile.Calls.Count));
    }
}

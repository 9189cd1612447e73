using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Solvers.Tests.Evaluation;

public class InvocationProbabilitiesTests
{
    private static InstanceModel Instance(string name, bool join = false) =>
        new() { Name = name, Function = name, MemoryMb = 128, AllowedRegions = [0], RuntimeSeconds = [[1.0]], IsJoin = join };

    private static EdgeModel Call(int from, int to, double probability) => new() { From = from, To = to, Probability = probability, PayloadGb = [0] };

    [Fact]
    public void A_join_runs_when_any_caller_calls_it_even_when_the_callers_share_a_cause()
    {
        // entry → a (0.5) → join; entry → b (0.4) → join; a and b are independent, both depend on entry.
        var instances = new[] { Instance("entry"), Instance("a"), Instance("b"), Instance("join", join: true) };
        var edges = new[] { Call(0, 1, 0.5), Call(0, 2, 0.4), Call(1, 3, 1), Call(2, 3, 0.5) };
        var p = InvocationProbabilities.Compute(instances, edges);
        Assert.True(p.Exact);
        Assert.Equal(1, p.Instance[0], 12);
        Assert.Equal(0.5, p.Instance[1], 12);
        Assert.Equal(0.4, p.Instance[2], 12);
        // 1 − (1 − 0.5) × (1 − 0.4 × 0.5)
        Assert.Equal(0.6, p.Instance[3], 12);
        Assert.Equal(0.2, p.Edge[3], 12);
    }

    [Fact]
    public void A_chain_multiplies_its_probabilities()
    {
        var instances = new[] { Instance("a"), Instance("b"), Instance("c") };
        var p = InvocationProbabilities.Compute(instances, [Call(0, 1, 0.9), Call(1, 2, 0.5)]);
        Assert.Equal(0.45, p.Instance[2], 12);
    }

    [Fact]
    public void Many_conditional_calls_without_a_join_stay_exact()
    {
        var instances = Enumerable.Range(0, 23).Select(i => Instance($"f{i}")).ToArray();
        var edges = Enumerable.Range(1, 22).Select(i => Call(0, i, 0.5)).ToArray();
        var p = InvocationProbabilities.Compute(instances, edges);
        Assert.True(p.Exact);
        Assert.All(p.Instance.Skip(1), v => Assert.Equal(0.5, v, 15));
    }

    [Fact]
    public void A_join_behind_many_conditional_calls_is_estimated_and_says_so()
    {
        // entry calls 22 workers with probability 0.5 each; all of them call the join, which runs unless none was called.
        var instances = Enumerable.Range(0, 23).Select(i => Instance($"f{i}")).Append(Instance("join", join: true)).ToArray();
        var edges = Enumerable.Range(1, 22).Select(i => Call(0, i, 0.5))
            .Concat(Enumerable.Range(1, 22).Select(i => Call(i, 23, i == 1 ? 0.25 : 0.01)))
            .ToArray();
        var p = InvocationProbabilities.Compute(instances, edges);
        Assert.False(p.Exact);
        // 1 − (1 − 0.5 × 0.25) × (1 − 0.5 × 0.01)^21, estimated from 2^20 draws (standard error about 0.0005).
        Assert.Equal(1 - 0.875 * Math.Pow(0.995, 21), p.Instance[23], 0.003);
        Assert.All(p.Instance.Skip(1).Take(22), v => Assert.Equal(0.5, v, 15));
    }

    [Fact]
    public void Enumeration_sees_outcomes_beyond_one_block_of_sixty_four()
    {
        // Eight conditional calls into one join: 256 outcomes, four blocks of 64.
        var instances = Enumerable.Range(0, 9).Select(i => Instance($"f{i}")).Append(Instance("join", join: true)).ToArray();
        var edges = Enumerable.Range(1, 8).Select(i => Call(0, i, 0.1 * i)).Concat(Enumerable.Range(1, 8).Select(i => Call(i, 9, 1))).ToArray();
        var p = InvocationProbabilities.Compute(instances, edges);
        Assert.True(p.Exact);
        Assert.Equal(1 - Enumerable.Range(1, 8).Aggregate(1.0, (none, i) => none * (1 - 0.1 * i)), p.Instance[9], 12);
    }
}

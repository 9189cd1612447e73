using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Tests.Support;

namespace Tern.Solvers.Tests.Evaluation;

/// <summary>The 95th percentiles of cost and carbon, which hard bounds apply to, on problems small enough to work out
/// by hand: each is a percentile of whole invocations, every conditional call, run time, payload and download drawn
/// together, not a sum of per-part percentiles nor a figure of the mean.</summary>
public class TailTests
{
    private static readonly EvaluatorOptions Fixed4096 = new() { MinSamples = 4096, MaxSamples = 4096, BatchSize = 4096 };

    private static Estimate Home(PlanningProblem problem) =>
        new EvaluationContext(problem, Fixed4096).ForTimeKey(0, 1).Home;

    // entry (1 GB, 1 s) calls worker (2 GB, 2 s) with probability p and a payload of 0 GB (one message).
    private static PlanningProblem OneConditionalCall(double probability) => TinyProblems.Problem(
        [TinyProblems.Instance("entry", 1024, [1.0]), TinyProblems.Instance("worker", 2048, [2.0])],
        [new EdgeModel { From = 0, To = 1, Probability = probability, PayloadGb = [0] }]);

    private const double EntryUsd = TinyProblems.UsdPerGbSecond * 1 * 1 + TinyProblems.UsdPerRequest;
    private const double WorkerAndCallUsd = TinyProblems.UsdPerGbSecond * 2 * 2 + TinyProblems.UsdPerRequest + TinyProblems.UsdPerMessage;

    [Fact]
    public void A_call_made_in_a_fifth_of_the_invocations_is_in_the_cost_tail()
    {
        var home = Home(OneConditionalCall(0.2));
        Assert.Equal(EntryUsd + 0.2 * WorkerAndCallUsd, home.CostUsd, 1e-18);
        // More than 5 % of invocations make the call, so the 95th percentile is an invocation that made it.
        Assert.Equal(EntryUsd + WorkerAndCallUsd, home.CostP95Usd, 1e-18);
    }

    [Fact]
    public void A_call_made_in_one_invocation_in_twenty_five_is_not_in_the_cost_tail()
    {
        var home = Home(OneConditionalCall(0.04));
        Assert.Equal(EntryUsd + 0.04 * WorkerAndCallUsd, home.CostUsd, 1e-18);
        // Fewer than 5 % make it (about 164 of 4096 draws): the 95th percentile is an invocation without it.
        Assert.Equal(EntryUsd, home.CostP95Usd, 1e-18);
    }

    [Fact]
    public void A_run_and_its_download_are_drawn_together()
    {
        // Two measured runs: 1 s that downloaded 0.5 MB, and 3 s that downloaded nothing.
        Estimate OneRun(IReadOnlyList<double> seconds, IReadOnlyList<double> downloads) =>
            Home(TinyProblems.Problem([TinyProblems.Instance("only", 1024, seconds, downloads)], []));
        var shortRun = OneRun([1.0], [5e-4]).CarbonGrams;
        var longRun = OneRun([3.0], [0.0]).CarbonGrams;
        var mixed = OneRun([3.0], [5e-4]).CarbonGrams;
        var both = OneRun([1.0, 3.0], [5e-4, 0.0]);

        Assert.Equal((shortRun + longRun) / 2, both.CarbonGrams, 1e-15);
        // Drawn together, the worst invocation is the worse of the two runs; drawn apart, it would be 3 s with 0.5 MB.
        Assert.Equal(Math.Max(shortRun, longRun), both.CarbonP95Grams, 1e-15);
        Assert.True(mixed > both.CarbonP95Grams * 1.2, $"3 s with 0.5 MB: {mixed} g; the worse run: {both.CarbonP95Grams} g");
    }

    [Fact]
    public void Downloads_measured_apart_from_the_runs_are_in_the_carbon_tail()
    {
        // Ten runs of 1 s; two downloads in twenty are 1 GB, the others nothing, measured separately (another count).
        var only = TinyProblems.Instance("only", 1024, [.. Enumerable.Repeat(1.0, 10)], [1.0, 1.0, .. Enumerable.Repeat(0.0, 18)]);
        var home = Home(TinyProblems.Problem([only], []));
        var without = Home(TinyProblems.Problem([TinyProblems.Instance("only", 1024, [1.0], [0.0])], [])).CarbonGrams;
        var with = Home(TinyProblems.Problem([TinyProblems.Instance("only", 1024, [1.0], [1.0])], [])).CarbonGrams;

        Assert.Equal(without + (with - without) / 10, home.CarbonGrams, 1e-12);
        // One invocation in ten downloads the gigabyte: the 95th percentile is such an invocation, far above the mean.
        Assert.Equal(with, home.CarbonP95Grams, 1e-12);
    }

    [Fact]
    public void Storage_priced_per_gigabyte_of_payload_is_drawn_with_the_payload()
    {
        // Nine payloads in ten are empty, one is 1 GB; storage costs 1e-3 USD per GB wherever the instances run.
        var payloads = (IReadOnlyList<double>)[1.0, .. Enumerable.Repeat(0.0, 9)];
        var problem = TinyProblems.Problem(
            [TinyProblems.Instance("entry", 1024, [1.0]), TinyProblems.Instance("join", 1024, [1.0])],
            [new EdgeModel { From = 0, To = 1, PayloadGb = payloads, StorageUsdPerGb = 1e-3 }]);
        var home = Home(problem);
        var messages = payloads.Average(gb => Math.Max(1, Math.Ceiling(gb * 1024 * 1024 * 1024 / 65536)));
        var baseUsd = 2 * EntryUsd;

        Assert.Equal(baseUsd + 0.1 * 1e-3 + messages * TinyProblems.UsdPerMessage, home.CostUsd, 1e-15);
        // One invocation in ten stores the gigabyte, so the 95th percentile does.
        Assert.Equal(baseUsd + 1e-3 + 16384 * TinyProblems.UsdPerMessage, home.CostP95Usd, 1e-15);
    }
}

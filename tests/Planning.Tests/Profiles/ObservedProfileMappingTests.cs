using Tern.Entities.Regions;
using Tern.Planning.Profiles;
using Tern.Planning.Workflows;
using Tern.Solvers.Model;
using Tern.Tests.Support;
using static Tern.Tests.Support.ExampleWorkflows;

namespace Tern.Planning.Tests.Profiles;

/// <summary>A recorded profile replaces the workflow's priors in the planning problem where it has enough samples.</summary>
public sealed class ObservedProfileMappingTests
{
    private static PlanningProblem Map(WorkflowProfile? observed)
    {
        var data = BundledDataFixture.Bundled;
        return WorkflowProblemMapper.Map(Load("text-2-speech-censoring"), BundledDataFixture.Snapshot, data.LambdaPrices, data.TransferPrices,
            data.Latency, RegionCatalogue.Bundled, observed).Problem;
    }

    private static int Instance(PlanningProblem problem, string name) => problem.Instances.ToList().FindIndex(i => i.Name == name);

    private static int Region(PlanningProblem problem, string code) => problem.Regions.ToList().FindIndex(r => r.Code == code);

    private static EdgeModel Edge(PlanningProblem problem, string from, string to) =>
        problem.Edges.Single(e => e.From == Instance(problem, from) && e.To == Instance(problem, to));

    [Fact]
    public void Enough_recorded_calls_set_the_probability_and_payloads_fewer_leave_the_prior()
    {
        var observed = new WorkflowProfile
        {
            Calls = new Dictionary<(string From, string To), CallProfile>
            {
                [("get-input", "profanity")] = new(6, 2, [1000, 1000, 1000, 1000, 3000, 3000]),
                [("get-input", "text-2-speech")] = new(2, 2, [10, 10]),
            },
        };

        var problem = Map(observed);

        Assert.Equal(0.75, Edge(problem, "get-input", "profanity").Probability);
        Assert.Equal(3000 / (1024.0 * 1024 * 1024), Edge(problem, "get-input", "profanity").PayloadGb.Max(), 15);
        Assert.Equal(1.0, Edge(problem, "get-input", "text-2-speech").Probability);
        Assert.Equal(Map(null).Edges.Select(e => e.Probability).Where((_, i) => i != 1),
            problem.Edges.Select(e => e.Probability).Where((_, i) => i != 1));
    }

    [Fact]
    public void Recorded_run_times_and_latencies_replace_the_priors_for_their_region()
    {
        var runtimes = new[] { 3.0, 3.1, 3.2, 3.3, 3.4 };
        var latencies = new[] { 0.5, 0.5, 0.6, 0.6, 0.7 };
        var observed = new WorkflowProfile
        {
            RuntimeSeconds = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>
            {
                ["encoding"] = new Dictionary<string, IReadOnlyList<double>> { ["us-west-2"] = runtimes, ["us-east-1"] = [9.0] },
            },
            LatencySeconds = new Dictionary<(string From, string To), IReadOnlyList<double>> { [("us-east-1", "us-west-2")] = latencies },
        };

        var problem = Map(observed);
        var prior = Map(null);

        var encoding = problem.Instances[Instance(problem, "encoding")];
        Assert.Equal(runtimes, encoding.RuntimeSeconds[Region(problem, "us-west-2")]);
        Assert.Equal(prior.Instances[Instance(prior, "encoding")].RuntimeSeconds[0], encoding.RuntimeSeconds[0]);
        Assert.Equal(latencies, problem.Latency.Samples(0, Region(problem, "us-east-1"), Region(problem, "us-west-2")));
        Assert.Equal(prior.Latency.Samples(0, 0, Region(prior, "us-west-1")), problem.Latency.Samples(0, 0, Region(problem, "us-west-1")));
    }
}

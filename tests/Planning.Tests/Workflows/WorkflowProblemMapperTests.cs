using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Planning.Workflows;
using Tern.Solvers.Model;
using static Tern.Tests.Support.ExampleWorkflows;
using ModelMetric = Tern.Solvers.Model.Metric;
using Tern.Tests.Support;

namespace Tern.Planning.Tests.Workflows;

public class WorkflowProblemMapperTests
{
    private static BundledDataSet Data => BundledDataFixture.Bundled;

    private static MappedWorkflow Map(ServerlessWorkflow workflow, LambdaPriceTable? prices = null, TransferPriceTable? transfer = null,
        InterRegionLatency? latency = null) =>
        WorkflowProblemMapper.Map(workflow, BundledDataFixture.Snapshot, prices ?? Data.LambdaPrices, transfer ?? Data.TransferPrices,
            latency ?? Data.Latency, RegionCatalogue.Bundled);

    private static string[] Codes(PlanningProblem problem) => [.. problem.Regions.Select(r => r.Code)];

    public static TheoryData<string> Examples() => [.. Files().Select(f => Path.GetFileNameWithoutExtension(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_maps_to_a_problem_the_validator_accepts(string example)
    {
        var problem = Map(Load(example)).Problem;
        Assert.Empty(ProblemValidator.Validate(problem));
        Assert.Equal(example, problem.Name);
        Assert.Equal("us-east-1", problem.Regions[problem.HomeRegion].Code);
        Assert.Equal(0, problem.HomeRegion);
    }

    [Fact]
    public void Regions_are_the_home_region_then_the_other_candidates_with_their_data()
    {
        var problem = Map(Load("image-processing")).Problem;
        Assert.Equal(["us-east-1", "ca-central-1", "us-west-1", "us-west-2"], Codes(problem));
        var home = problem.Regions[0];
        Assert.Equal(BundledDataFixture.Snapshot.Find("us-east-1")!.HourOfDayMeans, home.HourlyGramsPerKwh);
        Assert.Equal(0.0000166667, home.X86UsdPerGbSecond);
        Assert.Equal(0.0000133334, home.ArmUsdPerGbSecond);
        Assert.Equal(2e-7, home.X86UsdPerRequest);
        Assert.Equal(5e-7, home.MessageUsdPer64Kb);
        Assert.Equal(1.11, home.Pue);
        Assert.Equal(1, home.RelativePerformance);
    }

    [Fact]
    public void A_region_without_carbon_data_in_the_window_is_left_out_with_the_reason()
    {
        var mapped = Map(Load("video-analytics"));
        Assert.DoesNotContain("eu-north-1", Codes(mapped.Problem));
        Assert.Contains("eu-north-1 left out: no data for zone SE-SE3 between 2023-06-24T00:00Z and 2023-07-01T00:00Z", mapped.Notes);
    }

    [Fact]
    public void A_region_without_carbon_data_or_prices_is_left_out_with_both_reasons()
    {
        var mapped = Map(Of([Function("a")], ["us-east-1", "eu-south-1", "eu-west-2"]));
        Assert.Equal(["us-east-1", "eu-west-2"], Codes(mapped.Problem));
        Assert.Contains("eu-south-1 left out: no carbon data for zone IT-NO; no Lambda price for x86_64 and arm64", mapped.Notes);
    }

    [Fact]
    public void A_region_without_Lambda_prices_is_left_out_with_the_reason()
    {
        var prices = new LambdaPriceTable(new Dictionary<(string, Architecture), LambdaPrice>
        {
            [("us-east-1", Architecture.X86_64)] = new(0.0000166667, 2e-7),
            [("us-east-1", Architecture.Arm64)] = new(0.0000133334, 2e-7),
            [("us-west-1", Architecture.X86_64)] = new(0.0000166667, 2e-7),
        });
        var mapped = Map(Of([Function("a")], ["us-east-1", "us-west-1"]), prices);
        Assert.Equal(["us-east-1"], Codes(mapped.Problem));
        Assert.Contains("us-west-1 left out: no Lambda price for arm64", mapped.Notes);
    }

    [Fact]
    public void A_home_region_without_data_is_an_error_naming_it()
    {
        var error = Assert.Throws<WorkflowMappingException>(() => Map(Of([Function("a")], ["eu-south-1", "us-east-1"], home: "eu-south-1")));
        Assert.StartsWith("The home region eu-south-1 cannot be planned: no carbon data for zone IT-NO; no Lambda price for x86_64 and arm64.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_pinned_to_regions_without_data_is_an_error_naming_it()
    {
        var pinned = Function("pinned") with { Regions = ["eu-south-1", "eu-west-1"] };
        var error = Assert.Throws<WorkflowMappingException>(() => Map(Of([Function("a", "pinned"), pinned])));
        Assert.StartsWith("Function pinned has no region with carbon data and Lambda prices (eu-south-1: no carbon data for zone IT-NO; " +
            "no Lambda price for x86_64 and arm64, eu-west-1: no data for zone IE between", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Allow a region that has both, such as the home region us-east-1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_regions_are_each_functions_candidates_that_have_data()
    {
        var problem = Map(Load("video-analytics")).Problem;
        var byName = problem.Instances.ToDictionary(i => i.Name);
        Assert.Equal(["us-east-1", "ca-central-1", "us-west-1", "us-west-2"], Codes(problem));
        Assert.Equal([0, 1, 2, 3], byName["decode"].AllowedRegions);
        Assert.Equal([0, 1, 2, 3], byName["recognition#3"].AllowedRegions);
        Assert.True(byName["consolidate"].IsJoin);
        Assert.False(byName["decode"].IsJoin);
    }

    [Fact]
    public void Run_times_are_the_profile_prior_in_the_home_region_only()
    {
        var problem = Map(Load("image-processing")).Problem;
        var processor = problem.Instances[1];
        Assert.Equal("image-processor", processor.Function);
        Assert.Equal([1.44, 1.62, 1.71, 1.8, 1.8, 1.89, 1.98, 2.25, 2.7], processor.RuntimeSeconds[0]!.Select(s => Math.Round(s, 9)));
        Assert.All(processor.RuntimeSeconds.Skip(1), Assert.Null);
        Assert.Equal(0.9, processor.DefaultCpuUtilization);
        Assert.Null(problem.Instances[0].DefaultCpuUtilization);
        Assert.Null(processor.UntrackedTransferGb);
        Assert.Equal(1024, processor.MemoryMb);
        Assert.Equal(CpuArchitecture.X86, processor.Architecture);
    }

    [Fact]
    public void A_function_without_a_profile_gets_priors_and_notes()
    {
        var bare = new FunctionSpec { Name = "bare", Architecture = Architecture.Arm64, Calls = [new CallSpec { Function = "b",
            Probability = 0.5 }] };
        var mapped = Map(Of([bare, Function("b")]));
        Assert.Contains("function bare has no profile.runtimeMilliseconds; assumed 1 s", mapped.Notes);
        Assert.Contains("function bare has no profile.outputBytes; assumed 1 KB per call", mapped.Notes);
        Assert.DoesNotContain(mapped.Notes, n => n.StartsWith("function b ", StringComparison.Ordinal));
        var instance = mapped.Problem.Instances[0];
        Assert.Equal(WorkflowProblemMapper.RuntimePriorFactors, instance.RuntimeSeconds[0]);
        Assert.Null(instance.DefaultCpuUtilization);
        Assert.Equal(CpuArchitecture.Arm, instance.Architecture);
        var edge = Assert.Single(mapped.Problem.Edges);
        Assert.Equal(0.5, edge.Probability);
        Assert.Equal([1024 / (1024.0 * 1024 * 1024)], edge.PayloadGb);
    }

    [Fact]
    public void An_empty_profile_is_treated_as_a_missing_one()
    {
        var empty = Function("a", "b") with { Profile = new FunctionProfile() };
        var mapped = Map(Of([empty, Function("b")]));
        Assert.Contains("function a has no profile.runtimeMilliseconds; assumed 1 s", mapped.Notes);
        Assert.Contains("function a has no profile.outputBytes; assumed 1 KB per call", mapped.Notes);
    }

    [Fact]
    public void Edges_carry_the_callers_output_size_and_call_at_the_end()
    {
        var problem = Map(Load("text-2-speech-censoring")).Problem;
        var encodingToCensor = problem.Edges.Single(e => problem.Instances[e.From].Name == "encoding");
        Assert.Equal([600000 / (1024.0 * 1024 * 1024)], encodingToCensor.PayloadGb);
        Assert.Equal(1, encodingToCensor.CallAtFraction);
        Assert.Equal(2, problem.Edges.Count(e => problem.Instances[e.To].Name == "censor"));
    }

    [Fact]
    public void Latency_samples_are_a_lognormal_through_CloudPings_p50_and_p90_plus_the_invocation_overhead()
    {
        var problem = Map(Of([Function("a", "b"), Function("b")], ["us-east-1", "us-west-2"])).Problem;
        var codes = Codes(problem).ToList();
        var samples = problem.Latency.Samples(0, codes.IndexOf("us-east-1"), codes.IndexOf("us-west-2"));
        Assert.Equal(64, samples.Length);
        Assert.Equal(samples.Order(), samples);
        var networkMs = samples.Select(s => (s - CallLatencyModel.InvocationOverheadSeconds) * 1000).ToArray();
        // The quantile grid is symmetric, so the geometric mean is the lognormal's median exactly.
        Assert.Equal(64.419, Math.Exp(networkMs.Average(Math.Log)), 6);
        Assert.InRange(networkMs[57], 64.419, 69.3478 * 1.02);
        Assert.All(networkMs, ms => Assert.InRange(ms, 50, 90));
        var sameRegion = problem.Latency.Samples(0, 0, 0);
        Assert.InRange(sameRegion[32], 0.05, 0.06);
    }

    [Fact]
    public void Region_pairs_without_CloudPing_data_use_the_distance_model_and_a_note()
    {
        var partial = new InterRegionLatency(new Dictionary<(string, string), LatencyPercentiles>
        {
            [("us-east-1", "us-east-1")] = new(5.5, 7),
            [("eu-west-2", "eu-west-2")] = new(3.3, 4),
            [("us-east-1", "eu-west-2")] = new(78, 80),
        });
        var mapped = Map(Of([Function("a", "b"), Function("b")], ["us-east-1", "eu-west-2"]), latency: partial);
        Assert.Contains("latency eu-west-2 → us-east-1: no CloudPing data; estimated from the great-circle distance as 2.5 ms + 0.0125 ms/km",
            mapped.Notes);
        var catalogue = RegionCatalogue.Bundled;
        var km = CallLatencyModel.GreatCircleKm(catalogue.Find("eu-west-2")!, catalogue.Find("us-east-1")!);
        Assert.All(mapped.Problem.Latency.Samples(0, 1, 0), s => Assert.Equal((2.5 + 0.0125 * km) / 1000 + 0.05, s, 12));
    }

    [Fact]
    public void Transfer_prices_come_from_the_table_and_assumed_pairs_are_noted()
    {
        var problem = Map(Of([Function("a")], ["us-east-1", "us-east-2", "eu-west-2"])).Problem;
        Assert.Equal(["us-east-1", "eu-west-2", "us-east-2"], Codes(problem));
        Assert.Equal([[0, 0.02, 0.01], [0.02, 0, 0.02], [0.01, 0.02, 0]], problem.TransferUsdPerGb);
        Assert.DoesNotContain(problem.Notes, n => n.StartsWith("transfer", StringComparison.Ordinal));

        var empty = new TransferPriceTable(new Dictionary<(string, string), double> { [("us-east-1", "us-east-2")] = 0.01 });
        var mapped = Map(Of([Function("a")], ["us-east-1", "us-east-2"]), transfer: empty);
        Assert.Equal([[0, 0.01], [0.02, 0]], mapped.Problem.TransferUsdPerGb);
        Assert.Contains("transfer price us-east-1 → us-east-1, us-east-2 → us-east-1, us-east-2 → us-east-2: not in the price table; " +
            "assumed 0.02 USD/GB between regions and 0 within one", mapped.Notes);
    }

    [Fact]
    public void Constraints_are_mapped_with_their_kind_of_limit_and_priority()
    {
        var constraints = Map(Load("dna-visualization")).Problem.Constraints;
        Assert.Equal(new Bound { PercentOfHome = 125 }, constraints.Hard[ModelMetric.Runtime]);
        Assert.Equal(new Bound { PercentOfHome = 105 }, constraints.Soft[ModelMetric.Cost]);
        Assert.Equal([ModelMetric.Carbon, ModelMetric.Runtime, ModelMetric.Cost], constraints.Priority);

        var absolute = Of([Function("a")]);
        var soft = new MetricLimits { Carbon = new Limit { Absolute = 0.5 } };
        absolute.Spec = absolute.Spec with { Constraints = new ConstraintsSpec { Soft = soft } };
        var mapped = Map(absolute).Problem.Constraints;
        Assert.Equal(new Bound { Absolute = 0.5 }, mapped.Soft[ModelMetric.Carbon]);
        Assert.Empty(mapped.Hard);
        Assert.Empty(mapped.Priority);
    }

    [Fact]
    public void Values_the_validator_rejects_make_an_error_listing_its_messages()
    {
        var prices = new LambdaPriceTable(new Dictionary<(string, Architecture), LambdaPrice>
        {
            [("us-east-1", Architecture.X86_64)] = new(-0.00001, double.NaN),
            [("us-east-1", Architecture.Arm64)] = new(0.0000133334, 2e-7),
        });
        var error = Assert.Throws<WorkflowMappingException>(() => Map(Of([Function("a")]), prices));
        Assert.StartsWith("Workflow test does not make a valid planning problem:", error.Message, StringComparison.Ordinal);
        Assert.Contains("- region us-east-1: x86 duration price: -1E-05 is negative.", error.Message, StringComparison.Ordinal);
        Assert.Contains("- region us-east-1: x86 request price: NaN is not a number.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_note_names_the_carbon_window()
    {
        Assert.Equal("carbon: mean intensity per UTC hour of the day from 2023-06-24T00:00Z to 2023-07-01T00:00Z", Map(Of([Function("a")])).Notes[0]);
    }
}

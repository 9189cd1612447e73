using System.Text.Json.Nodes;
using Tern.Planning.CaribouBench;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Planning.Tests.CaribouBench;

public class CaribouBenchReaderTests
{
    [Theory]
    [InlineData("F3_R4_chain", 3, 4)]
    [InlineData("F6_R8_fanout", 6, 8)]
    [InlineData("F12_R12_fanout", 12, 12)]
    public void Each_document_maps_to_a_valid_problem_with_its_counts(string name, int instances, int regions)
    {
        var problem = BenchFixtures.Read(name);

        Assert.Empty(ProblemValidator.Validate(problem));
        Assert.Equal(name, problem.Name);
        Assert.Equal(instances, problem.Instances.Count);
        Assert.Equal(regions, problem.Regions.Count);
        Assert.Equal(0, problem.HomeRegion);
        Assert.Equal("us-east-1", problem.Regions[0].Code);
        Assert.All(problem.Edges, edge => Assert.True(edge.From < edge.To, $"{edge.From} → {edge.To}"));
        Assert.Contains(":entry_point:", problem.Instances[0].Name, StringComparison.Ordinal);
        Assert.All(problem.Instances, instance => Assert.Equal(Enumerable.Range(0, regions), instance.AllowedRegions));
    }

    [Theory]
    [InlineData("F3_R4_chain")]
    [InlineData("F6_R8_fanout")]
    [InlineData("F12_R12_fanout")]
    public void Every_instance_has_its_40_home_runs_and_only_sync_nodes_are_joins(string name)
    {
        var problem = BenchFixtures.Read(name);

        Assert.All(problem.Instances, instance =>
        {
            // Each of the 40 runs is repeated once per row of its duration bucket, equally often for every run (or
            // kept once when some run's bucket has no row).
            Assert.Equal(0, instance.RuntimeSeconds[problem.HomeRegion]!.Count % 40);
            Assert.Equal(instance.Name.Contains(":sync:", StringComparison.Ordinal), instance.IsJoin);
            Assert.Equal(CpuArchitecture.X86, instance.Architecture);
            Assert.Null(instance.Vcpu);
            Assert.NotNull(instance.UntrackedTransferGb![problem.HomeRegion]);
        });
        Assert.Equal(name != "F3_R4_chain", problem.Instances.Any(i => i.IsJoin));
    }

    [Fact]
    public void The_chain_keeps_its_order_functions_memory_and_the_last_edge_at_0_9()
    {
        var problem = BenchFixtures.Read("F3_R4_chain");

        Assert.Equal(["f0", "f1", "f2"], problem.Instances.Select(i => i.Function));
        Assert.Equal([1024, 1769, 3008], problem.Instances.Select(i => i.MemoryMb));
        Assert.Equal([(0, 1, 1.0), (1, 2, 0.9)], problem.Edges.Select(e => (e.From, e.To, e.Probability)));
        Assert.All(problem.Edges, edge => Assert.Equal(30, edge.PayloadGb.Count));
        // Every third instance also ran 12 times in us-east-2; nothing else was measured.
        Assert.Equal(12, problem.Instances[1].RuntimeSeconds[1]!.Count);
        Assert.Null(problem.Instances[0].RuntimeSeconds[1]);
        Assert.Null(problem.Instances[0].RuntimeSeconds[2]);
    }

    [Theory]
    [InlineData("F6_R8_fanout")]
    [InlineData("F12_R12_fanout")]
    public void The_entry_calls_its_last_branch_with_probability_0_7(string name)
    {
        var problem = BenchFixtures.Read(name);

        var fromEntry = problem.Edges.Where(e => e.From == 0).ToList();
        Assert.Equal(0.7, fromEntry[^1].Probability);
        Assert.All(fromEntry.SkipLast(1), edge => Assert.Equal(1.0, edge.Probability));
        Assert.All(problem.Edges.Where(e => e.From != 0), edge => Assert.Equal(1.0, edge.Probability));
    }

    [Fact]
    public void The_fanout_is_reordered_so_the_join_comes_after_every_branch()
    {
        var problem = BenchFixtures.Read("F12_R12_fanout");

        var join = problem.Instances.Select((instance, index) => (instance, index)).Single(p => p.instance.IsJoin).index;
        Assert.Equal(3, problem.Edges.Count(e => e.To == join));
        Assert.All(problem.Edges.Where(e => e.To == join), edge => Assert.True(edge.From < join));
        Assert.Equal(join + 1, problem.Edges.Single(e => e.From == join).To);
    }

    [Theory]
    [InlineData("F3_R4_chain")]
    [InlineData("F6_R8_fanout")]
    [InlineData("F12_R12_fanout")]
    public void Calls_are_made_late_in_the_run_as_generated(string name)
    {
        var problem = BenchFixtures.Read(name);

        // README: successor call times are 0.78 to 0.9 of the duration.
        Assert.All(problem.Edges, edge => Assert.InRange(edge.CallAtFraction, 0.75, 0.93));
    }

    [Fact]
    public void A_measured_edge_keeps_its_measured_samples_within_the_home_region()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        var problem = BenchFixtures.Read(json);
        var entry = problem.Instances[0].Name;
        var successor = problem.Instances[1].Name;

        var measured = json["tables"]!["workflow_instance_table"]!["bench_chain_f3-0.0.1"]!["instance_summary"]![entry]!["to_instance"]![successor]!
            ["regions_to_regions"]!["aws:us-east-1"]!["aws:us-east-1"]!["transfer_size_gb_to_transfer_latencies_s"]!.AsObject()
            .SelectMany(bucket => bucket.Value!.AsArray().Select(v => v!.GetValue<double>()))
            .Order()
            .ToArray();

        Assert.Equal(30, measured.Length);
        Assert.Equal(measured, problem.Latency.Samples(0, 0, 0));
    }

    [Fact]
    public void An_unmeasured_region_pair_uses_the_home_measurement_plus_the_cloudping_difference()
    {
        var json = BenchFixtures.Json("F6_R8_fanout");
        var problem = BenchFixtures.Read(json);
        var performance = json["tables"]!["performance_region_table"]!;
        double Ping(string from, string to) =>
            performance[$"aws:{from}"]!["transmission_latency"]![$"aws:{to}"]!["latency_distribution"]!.AsArray().Average(v => v!.GetValue<double>());
        var extra = Math.Max(Ping("us-east-1", "eu-west-1") - Ping("us-east-1", "us-east-1"), 0);
        var euWest1 = problem.Regions.Select(r => r.Code).ToList().IndexOf("eu-west-1");

        var edges = problem.Edges.ToList();
        var plain = edges.FindIndex(e => !problem.Instances[e.To].IsJoin);
        var intoJoin = edges.FindIndex(e => problem.Instances[e.To].IsJoin);

        AssertClose(problem.Latency.Samples(plain, 0, 0).Select(s => s + extra), problem.Latency.Samples(plain, 0, euWest1));
        AssertClose(problem.Latency.Samples(intoJoin, 0, 0).Select(s => s + 5 * extra), problem.Latency.Samples(intoJoin, 0, euWest1));
        Assert.True(extra > 0.01);
    }

    private static void AssertClose(IEnumerable<double> expected, double[] actual)
    {
        var wanted = expected.ToList();
        Assert.Equal(wanted.Count, actual.Length);
        for (var i = 0; i < wanted.Count; i++)
        {
            Assert.Equal(wanted[i], actual[i], 1e-12);
        }
    }

    [Fact]
    public void Transfer_prices_are_the_intra_provider_rate_between_regions_and_free_within_one()
    {
        var problem = BenchFixtures.Read("F3_R4_chain");

        for (var a = 0; a < problem.Regions.Count; a++)
        {
            for (var b = 0; b < problem.Regions.Count; b++)
            {
                Assert.Equal(a == b ? 0 : 0.02, problem.TransferUsdPerGb[a][b]);
            }
        }
    }

    [Theory]
    [InlineData("F3_R4_chain", "F3_R4_chain__fine_grained__simple.jsonl")]
    [InlineData("F6_R8_fanout", "F6_R8_fanout__coarse_grained__simple.jsonl")]
    [InlineData("F12_R12_fanout", "F12_R12_fanout__coarse_grained__simple.jsonl")]
    public void The_expected_home_cost_matches_caribou_within_5_percent(string name, string results)
    {
        var problem = BenchFixtures.Read(name);
        var hours = BenchFixtures.Results(results).Hours;

        var estimate = HomeCost(problem);

        Assert.InRange(estimate / hours.Single(h => h.Hour == 0).HomeMetrics.AverageCost, 0.95, 1.05);
        // Cost does not depend on the hour, so the 24 hours are 24 independent 2000-sample estimates of it;
        // their mean has much less Monte Carlo noise.
        Assert.InRange(estimate / hours.Average(h => h.HomeMetrics.AverageCost), 0.99, 1.01);
    }

    /// <summary>Σ instances P_i × (duration price × GB × mean run time + request) + Σ edges P_e × (SNS chunks ×
    /// price + mean payload × storage price; egress is 0 at home) + the fixed cost.</summary>
    internal static double HomeCost(PlanningProblem problem)
    {
        var home = problem.Regions[problem.HomeRegion];
        var probabilities = InvocationProbabilities.Compute(problem.Instances, problem.Edges);
        var cost = problem.FixedCostUsd;
        for (var i = 0; i < problem.Instances.Count; i++)
        {
            var instance = problem.Instances[i];
            var meanRuntimeSeconds = instance.RuntimeSeconds[problem.HomeRegion]!.Average();
            cost += probabilities.Instance[i] * (home.UsdPerGbSecond(instance.Architecture) * instance.MemoryMb / 1024.0 * meanRuntimeSeconds
                + home.UsdPerRequest(instance.Architecture));
        }
        for (var e = 0; e < problem.Edges.Count; e++)
        {
            var messages = problem.Edges[e].PayloadGb.Average(gb => Math.Ceiling(gb * 1024 * 1024 / 64));
            var storage = problem.Edges[e].PayloadGb.Average() * problem.Edges[e].StorageUsdPerGb;
            var egress = problem.TransferUsdPerGb[problem.HomeRegion][problem.HomeRegion];
            cost += probabilities.Edge[e] * (messages * home.MessageUsdPer64Kb + egress + storage);
        }
        return cost;
    }

    [Fact]
    public void The_fixed_cost_of_the_chain_is_the_placement_read_and_the_client_message()
    {
        var problem = BenchFixtures.Read("F3_R4_chain");

        // WPD of 0.76 KB: one read unit; client payloads of 2 to 11 KB: one 64 KB message each.
        Assert.Equal(2.5e-7 + 5e-7, problem.FixedCostUsd, 1e-15);
        Assert.InRange(problem.FixedCarbonGrams, 0.001 * 410 * 2e-6, 0.001 * 410 * 11e-6);
    }

    [Fact]
    public void Region_filters_of_the_workflow_and_of_an_instance_apply()
    {
        var json = BenchFixtures.Json("F6_R8_fanout");
        var config = json["workflow_config"]!;
        config["regions_and_providers"]!["disallowed_regions"] = new JsonArray(new JsonObject { ["provider"] = "aws", ["region"] = "us-west-1" });
        var second = config["instances"]!.AsObject().ElementAt(1).Value!;
        second["regions_and_providers"]!["allowed_regions"] = new JsonArray("aws:us-east-1", "aws:eu-west-1", "aws:us-west-1");

        var problem = BenchFixtures.Read(json);

        Assert.Equal(7, problem.Regions.Count);
        Assert.DoesNotContain(problem.Regions, r => r.Code == "us-west-1");
        var codes = problem.Regions.Select(r => r.Code).ToList();
        Assert.Equal([codes.IndexOf("us-east-1"), codes.IndexOf("eu-west-1")], problem.Instances[1].AllowedRegions);
    }

    [Theory]
    [InlineData("available_regions_table")]
    [InlineData("provider_region_table")]
    [InlineData("carbon_region_table")]
    [InlineData("performance_region_table")]
    [InlineData("workflow_instance_table")]
    public void A_missing_table_is_named(string table)
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["tables"]!.AsObject().Remove(table);

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains(table, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_home_region_is_named()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["workflow_config"]!["home_region"]!["region"] = "xx-nowhere-1";

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains("aws:xx-nowhere-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_allowed_region_is_named()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["workflow_config"]!["regions_and_providers"]!["allowed_regions"] = new JsonArray(
            new JsonObject { ["provider"] = "aws", ["region"] = "us-east-1" },
            new JsonObject { ["provider"] = "aws", ["region"] = "mars-north-1" });

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains("aws:mars-north-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_without_prices_is_named_with_its_table()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["tables"]!["provider_region_table"]!.AsObject().Remove("aws:us-west-1");

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains("provider_region_table", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws:us-west-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schema_is_refused()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["schema"] = "caribou-solver-bench-input/2";

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains("caribou-solver-bench-input/2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_out_of_range_are_reported_by_the_validator()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        json["tables"]!["provider_region_table"]!["aws:us-east-2"]!["pue"] = -1;
        json["tables"]!["carbon_region_table"]!["aws:us-west-2"]!["averages"]!["5"]!["carbon_intensity"] = -3;

        var error = Assert.Throws<BenchDocumentException>(() => BenchFixtures.Read(json));
        Assert.Contains("region us-east-2: PUE", error.Message, StringComparison.Ordinal);
        Assert.Contains("region us-west-2: carbon intensity at hour 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraints_map_to_bounds_and_priority()
    {
        var json = BenchFixtures.Json("F3_R4_chain");
        var constraints = json["workflow_config"]!["constraints"]!;
        constraints["hard_resource_constraints"]!["runtime"] = new JsonObject { ["type"] = "absolute", ["value"] = 5.0 };
        constraints["soft_resource_constraints"]!["cost"] = new JsonObject { ["type"] = "relative", ["value"] = 110.0 };
        constraints["priority_order"] = new JsonArray("cost", "carbon");

        var problem = BenchFixtures.Read(json);

        Assert.Equal(new Bound { Absolute = 5 }, problem.Constraints.Hard[Metric.Runtime]);
        Assert.Equal(new Bound { PercentOfHome = 110 }, problem.Constraints.Soft[Metric.Cost]);
        Assert.Single(problem.Constraints.Hard);
        Assert.Single(problem.Constraints.Soft);
        Assert.Equal([Metric.Cost, Metric.Carbon, Metric.Runtime], problem.Constraints.FullPriority);
    }

    [Fact]
    public void The_notes_say_what_is_approximated()
    {
        var chain = BenchFixtures.Read("F3_R4_chain");
        var fanout = BenchFixtures.Read("F6_R8_fanout");

        Assert.Contains(chain.Notes, n => n.Contains("redirector", StringComparison.Ordinal));
        Assert.DoesNotContain(chain.Notes, n => n.Contains("join", StringComparison.Ordinal));
        Assert.Contains(fanout.Notes, n => n.Contains("cumulative DynamoDB upload writes", StringComparison.Ordinal));
    }

    [Fact]
    public void Reading_is_deterministic()
    {
        var first = BenchFixtures.Read("F12_R12_fanout");
        var second = BenchFixtures.Read("F12_R12_fanout");

        Assert.Equal(first.FixedCostUsd, second.FixedCostUsd);
        Assert.Equal(first.Notes, second.Notes);
    }
}

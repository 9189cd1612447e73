using System.Text.Json.Nodes;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class PlanCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        return Tern.Run(["plan", .. args]);
    }

    private static string Temp(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tern-plan-").FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static TheoryData<string> Examples => ["dna-visualization", "image-processing", "text-2-speech-censoring", "video-analytics"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_gets_a_24_key_plan_on_the_bundled_data(string example)
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", $"{example}.yaml"), "--output", "json");
        Assert.True(exit == 0, error);
        var plan = JsonNode.Parse(output)!;
        var keys = plan["timeKeys"]!.AsArray();
        Assert.Equal(24, keys.Count);
        Assert.Equal(Enumerable.Range(0, 24), keys.Select(k => k!["startHour"]!.GetValue<int>()));
        Assert.All(keys, k =>
        {
            Assert.True(k!["estimate"]!["carbonGrams"]!.GetValue<double>() > 0);
            Assert.True(k["home"]!["runtimeMeanSeconds"]!.GetValue<double>() > 0);
            Assert.All(k["placement"]!.AsObject(), p => Assert.Matches("^(us|ca|eu)-[a-z]+-[0-9]$", p.Value!.GetValue<string>()));
        });
        Assert.Contains(plan["notes"]!.AsArray(),
            n => n!.GetValue<string>().StartsWith("carbon: mean intensity per UTC hour", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_leads_with_the_answer_per_invocation_and_per_month_without_solver_internals()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", "text-2-speech-censoring.yaml"), "--time-keys", "4", "--algorithm", "FineGrained");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n');
        Assert.StartsWith("text-2-speech-censoring: every function moves from us-east-1 to ca-central-1; carbon " +
            "−", lines[0], StringComparison.Ordinal);
        Assert.Contains("against home.", lines[0], StringComparison.Ordinal);
        Assert.Equal("Carbon: mean intensity per UTC hour of the day over 2023-06-24 00:00 to 2023-07-01 00:00 UTC (the 7 days before --at " +
            "2023-07-01), " +
            "bundled Electricity Maps data.", lines[1]);
        Assert.Contains("Where each function runs (UTC hours):\nUTC    get-input", output, StringComparison.Ordinal);
        // Four keys with the same placement read as one row for the whole day.
        Assert.Contains("\n00-24  ca-central-1", output, StringComparison.Ordinal);
        Assert.Matches(@"\ncarbon per invocation +[0-9.]+ g +[0-9.]+ g +−[0-9.]+ %\n", output);
        Assert.Matches(@"\ncost per invocation +\$0\.000[0-9]+ +\$0\.000[0-9]+ +±0\.0 %\n", output);
        Assert.Matches(@"\np95 run time +[0-9.]+ s +[0-9.]+ s", output);
        Assert.Matches(@"\ncarbon per month +[0-9.]+ g +[0-9.]+ g\n", output);
        Assert.Matches(@"\ncost per month +\$[0-9.,]+ +\$[0-9.,]+\n", output);
        Assert.Contains("Per month: 30 days at 100 invocations per hour on average (assumed 100 per hour: no rate is recorded; give yours with " +
            "--invocations).",
            output, StringComparison.Ordinal);
        foreach (var internals in new[] { "evals", "samples", "E+", "µUSD", "Generated", "FineGrained", "placements" })
        {
            Assert.DoesNotContain(internals, output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("note: carbon:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_each_time_key_and_how_the_planner_found_it()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", "text-2-speech-censoring.yaml"), "--time-keys", "4", "--algorithm", "FineGrained",
            "--verbose");
        Assert.True(exit == 0, error);
        Assert.Contains("Time keys: 4, algorithm FineGrained, seed 1", output, StringComparison.Ordinal);
        Assert.Contains("MC evals", output, StringComparison.Ordinal);
        Assert.Contains("18-24", output, StringComparison.Ordinal);
        Assert.Contains("FineGrained (optimal)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_figures_scale_with_the_invocation_rate_given()
    {
        static JsonNode Summary(string output) => JsonNode.Parse(output)!["summary"]!;
        var file = RepoPaths.Of("examples", "dna-visualization.yaml");
        var assumed = Summary(Run(file, "--time-keys", "1", "-o", "json").Output);
        var given = Summary(Run(file, "--time-keys", "1", "-o", "json", "--invocations", "1000").Output);
        Assert.Equal(100 * 24 * 30, assumed["invocationsPerMonth"]!.GetValue<double>());
        Assert.Equal(1000 * 24 * 30, given["invocationsPerMonth"]!.GetValue<double>());
        Assert.Equal("given by --invocations", given["invocationRate"]!.GetValue<string>());
        var perInvocation = given["perInvocation"]!["plan"]!["carbonGrams"]!.GetValue<double>();
        Assert.Equal(perInvocation * 1000 * 24 * 30, given["perMonth"]!["plan"]!["carbonGrams"]!.GetValue<double>(),
            perInvocation * 1000 * 24 * 30 * 1e-5);
        Assert.Equal(10 * assumed["perMonth"]!["home"]!["costUsd"]!.GetValue<double>(), given["perMonth"]!["home"]!["costUsd"]!.GetValue<double>(),
            1e-6);
    }

    [Fact]
    public void The_rate_recorded_in_the_status_is_used_and_named()
    {
        var workflow = File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml")) + """
            status:
              invocations: {total: 4800, sinceLastPlan: 0, lastRecordTime: "2023-06-03T00:00:00Z"}
              footprint: {since: "2023-06-01T00:00:00Z", invocations: 4800, carbonGrams: 1, homeCarbonGrams: 2, costUsd: 1}
            """;
        var (exit, output, error) = Run(Temp("recorded.yaml", workflow), "--time-keys", "1", "-o", "json");
        Assert.True(exit == 0, error);
        var summary = JsonNode.Parse(output)!["summary"]!;
        Assert.Equal(100 * 24 * 30, summary["invocationsPerMonth"]!.GetValue<double>());
        Assert.StartsWith("recorded: 4800 invocations from 2023-06-01 00:00 to 2023-06-03 00:00 UTC", summary["invocationRate"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_output_is_the_same_document()
    {
        var (exit, output, _) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--time-keys", "2", "--output", "yaml");
        Assert.Equal(0, exit);
        var document = YamlJson.ReadSingle(output);
        Assert.Equal("dna-visualization", document["workflow"]!.GetValue<string>());
        Assert.Equal(2, document["timeKeys"]!.AsArray().Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        string Placements(string output) => JsonNode.Parse(output)!["timeKeys"]!.ToJsonString();
        var file = RepoPaths.Of("examples", "image-processing.yaml");
        var a = Run(file, "--seed", "7", "--output", "json", "--time-keys", "3");
        var b = Run(file, "--seed", "7", "--output", "json", "--time-keys", "3");
        Assert.Equal(JsonNode.Parse(Placements(a.Output))!.AsArray().Select(k => k!["placement"]!.ToJsonString()),
            JsonNode.Parse(Placements(b.Output))!.AsArray().Select(k => k!["placement"]!.ToJsonString()));
    }

    [Fact]
    public void A_bench_document_is_planned_with_evaluations_and_timings()
    {
        var (exit, output, error) = Run("--bench-input", RepoPaths.Of("data", "bench", "case_F3_R4_chain.json"), "--algorithm", "FineGrained",
            "--verbose");
        Assert.True(exit == 0, error);
        Assert.Contains("Time keys: 24", output, StringComparison.Ordinal);
        Assert.Contains("MC evals", output, StringComparison.Ordinal);
        Assert.Contains("samples", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_key_count_that_does_not_divide_the_day_is_refused()
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--time-keys", "5");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("tern plan: --time-keys 5 does not divide the day into equal whole hours; use one of 1, 2, 3, 4, 6, 8, 12, 24.\n" +
            "Run 'tern plan --help' for usage.\n", error);
    }

    [Fact]
    public void Constraints_no_placement_meets_keep_home_and_say_why()
    {
        var workflow = File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml"))
            .Replace("      runtime:\n        percentOfHome: 125", "      runtime:\n        absolute: 0.001", StringComparison.Ordinal);
        var (exit, output, error) = Run(Temp("impossible.yaml", workflow), "--time-keys", "1", "--output", "json");
        Assert.True(exit == 0, error);
        var key = JsonNode.Parse(output)!["timeKeys"]![0]!;
        Assert.All(key["placement"]!.AsObject(), p => Assert.Equal("us-east-1", p.Value!.GetValue<string>()));
        Assert.Contains("no placement keeps the hard constraints", key["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_without_data_is_left_out_and_a_missing_profile_is_noted()
    {
        var workflow = File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml"))
            .Replace("regions: [us-east-1, us-west-1, us-west-2, ca-central-1]", "regions: [us-east-1, us-west-2, " +
                "ap-south-1]", StringComparison.Ordinal)
            .Replace("      profile:\n        runtimeMilliseconds: 6500\n        outputBytes: 1200000\n        cpuUtilizationPercent: " +
                "80\n", "", StringComparison.Ordinal);
        var (exit, output, error) = Run(Temp("sparse.yaml", workflow), "--time-keys", "1", "--output", "json");
        Assert.True(exit == 0, error);
        var notes = JsonNode.Parse(output)!["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(notes, n => n.StartsWith("ap-south-1 left out", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("visualize", StringComparison.Ordinal) && n.Contains("no profile", StringComparison.Ordinal));
    }

    [Fact]
    public void A_carbon_source_that_needs_the_network_is_refused_with_what_to_use()
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--carbon", RepoPaths.Of("examples",
            "carbonsource-electricitymaps.yaml"));
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("provider ElectricityMaps needs its API and credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_carbon_source_and_a_date_are_honoured()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--carbon", RepoPaths.Of("examples",
            "carbonsource-static.yaml"),
            "--at", "2023-03-15", "--time-keys", "1", "--output", "json");
        Assert.True(exit == 0, error);
        Assert.Contains(JsonNode.Parse(output)!["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("2023-03-08T00:00Z to " +
            "2023-03-15T00:00Z", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--at", "yesterday-ish")]
    public void A_bad_option_value_is_a_usage_error(string option, string value)
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), option, value);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("is not a date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_inputs_are_usage_errors_and_invalid_manifests_are_refused()
    {
        Assert.Equal(ExitCodes.Usage, Run().Exit);
        Assert.Equal(ExitCodes.Usage, Run("/nonexistent.yaml").Exit);
        var invalid = Temp("invalid.yaml", "apiVersion: tern.dev/v1alpha1\nkind: ServerlessWorkflow\nmetadata: {name: x}\nspec: {homeRegion: " +
            "us-east-1}\n");
        var (exit, _, error) = Run(invalid);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("spec.entrypoint: is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_document_with_a_missing_table_is_refused_with_its_name()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("data", "bench", "case_F3_R4_chain.json")))!;
        document["tables"]!.AsObject().Remove("carbon_region_table");
        var (exit, _, error) = Run("--bench-input", Temp("broken.json", document.ToJsonString()));
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("carbon_region_table", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_plans_every_workflow_in_it_and_skips_other_kinds()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples"), "--time-keys", "1", "-o", "json");
        Assert.True(exit == 0, error);
        var plans = JsonNode.Parse(output)!["plans"]!.AsArray().Select(p => p!["workflow"]!.GetValue<string>());
        Assert.Equal(["dna-visualization", "image-processing", "text-2-speech-censoring", "text-2-speech-dotnet", "video-analytics"], plans);
    }

    [Fact]
    public void A_file_with_two_workflows_plans_both_in_order()
    {
        var two = File.ReadAllText(RepoPaths.Of("examples", "image-processing.yaml")) + "\n---\n" + File.ReadAllText(RepoPaths.Of("examples",
            "dna-visualization.yaml"));
        var file = Temp("two.yaml", two);
        var (exit, output, error) = Run(file, "--time-keys", "1");
        Assert.True(exit == 0, error);
        Assert.True(output.IndexOf("image-processing: ", StringComparison.Ordinal) is >= 0 and var first
            && output.IndexOf("dna-visualization: ", StringComparison.Ordinal) > first, output);
        var yaml = Run(file, "--time-keys", "1", "-o", "yaml").Output;
        Assert.Equal(2, yaml.Split("---\n").Length);
    }

    [Fact]
    public void A_directory_without_workflows_says_so_and_what_it_holds()
    {
        var directory = Directory.CreateTempSubdirectory("tern-plan-").FullName;
        File.Copy(RepoPaths.Of("examples", "carbonsource-static.yaml"), Path.Combine(directory, "carbon.yaml"));
        var (exit, _, error) = Run(directory);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal($"tern plan: {directory} holds no ServerlessWorkflow: it holds only CarbonSource default. Give a ServerlessWorkflow " +
            $"manifest.\n", error);
    }

    [Fact]
    public void Json_keeps_the_search_apart_and_has_no_samples_beside_the_figures()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--time-keys", "2", "-o", "json");
        Assert.True(exit == 0, error);
        var key = JsonNode.Parse(output)!["timeKeys"]![0]!.AsObject();
        Assert.Equal(["startHour", "hours", "placement", "estimate", "home", "savings", "search"], key.Select(p => p.Key).Where(k => k != "reason"));
        Assert.Equal(["carbonGrams", "costUsd", "runtimeMeanSeconds", "runtimeP95Seconds"], key["estimate"]!.AsObject().Select(p => p.Key));
        Assert.True(key["search"]!["monteCarloSamples"]!.GetValue<long>() > 0);
        Assert.DoesNotContain("\"samples\"", output, StringComparison.Ordinal);
    }
}

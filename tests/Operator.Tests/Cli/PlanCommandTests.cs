using System.CommandLine;
using System.Text.Json.Nodes;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class PlanCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TernCli.Build().Parse(["plan", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
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
        Assert.Contains(plan["notes"]!.AsArray(), n => n!.GetValue<string>().StartsWith("carbon: mean intensity per UTC hour", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_shows_placements_and_figures_next_to_home()
    {
        var (exit, output, _) = Run(RepoPaths.Of("examples", "text-2-speech-censoring.yaml"), "--time-keys", "4", "--algorithm", "FineGrained");
        Assert.Equal(0, exit);
        Assert.Contains("Plan for text-2-speech-censoring: 4 time key(s), algorithm FineGrained", output, StringComparison.Ordinal);
        Assert.Contains("UTC    get-input", output, StringComparison.Ordinal);
        Assert.Contains("home gCO2e", output, StringComparison.Ordinal);
        Assert.Contains("18-00", output, StringComparison.Ordinal);
        Assert.Contains("FineGrained (optimal)", output, StringComparison.Ordinal);
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
        var (exit, output, error) = Run("--bench-input", RepoPaths.Of("data", "bench", "case_F3_R4_chain.json"), "--algorithm", "FineGrained");
        Assert.True(exit == 0, error);
        Assert.Contains("24 time key(s)", output, StringComparison.Ordinal);
        Assert.Contains("evals", output, StringComparison.Ordinal);
        Assert.Contains("samples", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_key_count_that_does_not_divide_the_day_is_refused()
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--time-keys", "5");
        Assert.Equal(PlanCommand.ExitInvalid, exit);
        Assert.Contains("use one of 1, 2, 3, 4, 6, 8, 12, 24", error, StringComparison.Ordinal);
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
            .Replace("regions: [us-east-1, us-west-1, us-west-2, ca-central-1]", "regions: [us-east-1, us-west-2, ap-south-1]", StringComparison.Ordinal)
            .Replace("      profile:\n        runtimeMilliseconds: 6500\n        outputBytes: 1200000\n        cpuUtilizationPercent: 80\n", "", StringComparison.Ordinal);
        var (exit, output, error) = Run(Temp("sparse.yaml", workflow), "--time-keys", "1", "--output", "json");
        Assert.True(exit == 0, error);
        var notes = JsonNode.Parse(output)!["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(notes, n => n.StartsWith("ap-south-1 left out", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("visualize", StringComparison.Ordinal) && n.Contains("no profile", StringComparison.Ordinal));
    }

    [Fact]
    public void A_carbon_source_that_needs_the_network_is_refused_with_what_to_use()
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--carbon", RepoPaths.Of("examples", "carbonsource-electricitymaps.yaml"));
        Assert.Equal(PlanCommand.ExitInvalid, exit);
        Assert.Contains("provider ElectricityMaps needs its API and credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_carbon_source_and_a_date_are_honoured()
    {
        var (exit, output, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), "--carbon", RepoPaths.Of("examples", "carbonsource-static.yaml"),
            "--at", "2023-03-15", "--time-keys", "1", "--output", "json");
        Assert.True(exit == 0, error);
        Assert.Contains(JsonNode.Parse(output)!["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("2023-03-08T00:00Z to 2023-03-15T00:00Z", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--at", "yesterday-ish")]
    public void A_bad_option_value_is_a_usage_error(string option, string value)
    {
        var (exit, _, error) = Run(RepoPaths.Of("examples", "dna-visualization.yaml"), option, value);
        Assert.Equal(PlanCommand.ExitUsage, exit);
        Assert.Contains("is not a date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_inputs_are_usage_errors_and_invalid_manifests_are_refused()
    {
        Assert.Equal(PlanCommand.ExitUsage, Run().Exit);
        Assert.Equal(PlanCommand.ExitUsage, Run("/nonexistent.yaml").Exit);
        var invalid = Temp("invalid.yaml", "apiVersion: tern.dev/v1alpha1\nkind: ServerlessWorkflow\nmetadata: {name: x}\nspec: {homeRegion: us-east-1}\n");
        var (exit, _, error) = Run(invalid);
        Assert.Equal(PlanCommand.ExitInvalid, exit);
        Assert.Contains("spec.entrypoint: is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_document_with_a_missing_table_is_refused_with_its_name()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("data", "bench", "case_F3_R4_chain.json")))!;
        document["tables"]!.AsObject().Remove("carbon_region_table");
        var (exit, _, error) = Run("--bench-input", Temp("broken.json", document.ToJsonString()));
        Assert.Equal(PlanCommand.ExitInvalid, exit);
        Assert.Contains("carbon_region_table", error, StringComparison.Ordinal);
    }
}

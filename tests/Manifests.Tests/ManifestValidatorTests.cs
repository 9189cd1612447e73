using System.Text;
using Tern.Entities.Regions;
using Tern.Manifests;

namespace Tern.Manifests.Tests;

public class ManifestValidatorTests
{
    private static readonly ManifestValidator Validator = new(RegionCatalogue.Bundled);

    private const string ValidWorkflow = """
        apiVersion: tern.dev/v1alpha1
        kind: ServerlessWorkflow
        metadata:
          name: thumbnails
        spec:
          homeRegion: us-east-1
          executionRoleArn: arn:aws:iam::123456789012:role/tern
          entrypoint: ingest
          functions:
            - name: ingest
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
              calls:
                - function: resize
            - name: resize
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
        """;

    private const string ValidCarbonSource = """
        apiVersion: tern.dev/v1alpha1
        kind: CarbonSource
        metadata:
          name: default
        spec:
          provider: Static
        """;

    private static FileReport Validate(string yaml) => Validator.Validate("test.yaml", new StringReader(yaml));

    private static ManifestProblem Only(FileReport report)
    {
        var problems = report.FileProblems.Concat(report.Documents.SelectMany(d => d.Problems)).ToList();
        Assert.True(problems.Count == 1, $"expected one problem, got: {string.Join(" | ", problems)}");
        return problems[0];
    }

    [Fact]
    public void A_valid_workflow_and_carbon_source_have_no_problems()
    {
        var report = Validate(ValidWorkflow + "\n---\n" + ValidCarbonSource);
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(["thumbnails", "default"], report.Documents.Select(d => d.Name));
    }

    [Fact]
    public void A_yaml_syntax_error_gives_its_line_and_column()
    {
        var problem = Only(Validate("apiVersion: tern.dev/v1alpha1\nkind: CarbonSource\nspec:\n  provider: Static\n   refreshInterval: 1h\n"));
        Assert.Equal(new SourcePosition(5, 19), problem.Position);
        Assert.StartsWith("YAML syntax error", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_before_a_syntax_error_are_still_validated()
    {
        var report = Validate(ValidCarbonSource.Replace("Static", "Statik", StringComparison.Ordinal) + "\n---\nkind: [unclosed\n");
        Assert.Single(report.Documents);
        Assert.Contains(report.Documents[0].Problems, p => p.Path == "spec.provider");
        Assert.Contains(report.FileProblems, p => p.Problem.Contains("1 document(s) before it were read", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    public void An_empty_file_says_it_holds_no_object(string yaml)
    {
        var problem = Only(Validate(yaml));
        Assert.Contains("holds no Kubernetes object", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_documents_of_different_kinds_are_both_validated()
    {
        var workflow = ValidWorkflow.Replace("memoryMiB", "x", StringComparison.Ordinal).Replace("homeRegion: us-east-1", "homeRegion: us-east-9",
            StringComparison.Ordinal);
        var carbon = ValidCarbonSource.Replace("provider: Static", "provider: WattTime", StringComparison.Ordinal);
        var report = Validate(workflow + "\n---\n" + carbon);
        Assert.Equal(["ServerlessWorkflow", "CarbonSource"], report.Documents.Select(d => d.Kind));
        Assert.Contains(report.Documents[0].Problems, p => p.Path == "spec.homeRegion" && p.Position == new SourcePosition(6, 15));
        Assert.Contains(report.Documents[1].Problems, p => p.Path == "spec.wattTime" && p.Document == 2);
    }

    [Fact]
    public void An_unknown_field_is_reported_with_a_suggestion_and_the_rest_still_checked()
    {
        var report = Validate(ValidWorkflow.Replace("    - name: resize\n", "    - name: resize\n      memory: 512\n      timeoutSeconds: 0\n",
            StringComparison.Ordinal));
        var problems = report.Documents.Single().Problems;
        var unknown = problems.Single(p => p.Path == "spec.functions[1].memory");
        Assert.Contains("unknown field 'memory'", unknown.Problem, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'memoryMiB'", unknown.Problem, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(15, 7), unknown.Position);
        Assert.Contains(problems, p => p.Path == "spec.functions[1].timeoutSeconds");
    }

    [Fact]
    public void A_number_where_a_string_is_expected_is_reported_once_with_a_quoting_hint()
    {
        var problem = Only(Validate(ValidWorkflow.Replace("entrypoint: ingest", "entrypoint: 42", StringComparison.Ordinal)
            .Replace("    - name: ingest", "    - name: \"42\"", StringComparison.Ordinal)));
        Assert.Equal("spec.entrypoint", problem.Path);
        Assert.Contains("expected a string, found an integer (42)", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("\"42\"", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_1_1_boolean_where_a_string_is_expected_is_caught()
    {
        var yaml = ValidCarbonSource + "\n  zoneOverrides:\n    eu-north-1: NO\n";
        var problem = Only(Validate(yaml));
        Assert.Equal("spec.zoneOverrides[\"eu-north-1\"]", problem.Path);
        Assert.Contains("a boolean (NO)", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_where_a_number_is_expected_and_a_bad_enum_are_reported()
    {
        var report = Validate(ValidWorkflow.Replace("    - name: resize\n", "    - name: resize\n      memoryMiB: \"1024\"\n      architecture: " +
            "ARM64\n", StringComparison.Ordinal));
        var problems = report.Documents.Single().Problems;
        Assert.Contains(problems, p => p.Path == "spec.functions[1].memoryMiB" && p.Problem.Contains("whole number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "spec.functions[1].architecture" && p.Problem.Contains("Did you mean 'arm64'",
            StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void A_duplicate_field_is_reported()
    {
        var problem = Only(Validate(ValidCarbonSource + "\n  provider: Static\n"));
        Assert.Contains("appears twice", problem.Problem, StringComparison.Ordinal);
        Assert.Equal(7, problem.Position!.Value.Line);
    }

    [Fact]
    public void Semantic_errors_point_at_the_line_of_the_field()
    {
        var problems = Validate(ValidWorkflow.Replace("- function: resize", "- function: resise",
            StringComparison.Ordinal)).Documents.Single().Problems;
        Assert.Equal(new SourcePosition(13, 21), problems.Single(p => p.Path == "spec.functions[0].calls[0].function").Position);
        // With the call broken, resize is unreachable; that error points at the function's item.
        Assert.Equal(new SourcePosition(14, 7), problems.Single(p => p.Path == "spec.functions[1]").Position);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path_through_the_manifest()
    {
        var yaml = ValidWorkflow + "\n      calls:\n        - function: resize-again\n    - name: resize-again\n      image: " +
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0\n      calls: [{function: resize}]\n";
        var problem = Only(Validate(yaml));
        Assert.Contains("resize → resize-again → resize", problem.Problem, StringComparison.Ordinal);
        Assert.Equal(20, problem.Position!.Value.Line);
    }

    [Fact]
    public void A_misspelt_kind_is_an_error_and_a_foreign_kind_is_skipped()
    {
        var report = Validate(ValidCarbonSource.Replace("kind: CarbonSource", "kind: CarbonSorce",
            StringComparison.Ordinal) + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: token}\n");
        Assert.Contains("Did you mean 'CarbonSource'", report.Documents[0].Problems.Single().Problem, StringComparison.Ordinal);
        Assert.Empty(report.Documents[1].Problems);
        Assert.NotNull(report.Documents[1].Skipped);
    }

    [Fact]
    public void A_wrong_api_version_is_reported()
    {
        var problem = Only(Validate(ValidCarbonSource.Replace("tern.dev/v1alpha1", "tern.dev/v1", StringComparison.Ordinal)));
        Assert.Equal("apiVersion", problem.Path);
        Assert.Contains("tern.dev/v1alpha1", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_reported()
    {
        var problem = Only(Validate("- just\n- a list\n"));
        Assert.Contains("not a mapping", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_stopped_with_a_clear_message()
    {
        var bomb = new StringBuilder("apiVersion: tern.dev/v1alpha1\nkind: CarbonSource\nmetadata:\n  name: bomb\n  managedFields:\n    - l0: &l0 " +
            "[x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"    - l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }
        bomb.Append("spec:\n  provider: Static\n");
        var problem = Only(Validator.Validate("bomb.yaml", new StringReader(bomb.ToString())));
        Assert.Contains("more than 1,000,000 values", problem.Problem, StringComparison.Ordinal);
        Assert.StartsWith("metadata.managedFields", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_megabyte_file_is_read_without_crashing_and_its_size_reported()
    {
        var env = new StringBuilder();
        for (var i = 0; env.Length < 10 * 1024 * 1024; i++)
        {
            env.Append($"        VAR_{i}: \"{new string('x', 200)}\"\n");
        }
        var yaml = ValidWorkflow.Replace("    - name: resize\n", "    - name: resize\n      env:\n" + env, StringComparison.Ordinal);
        var report = Validate(yaml);
        var problems = report.Documents.Single().Problems;
        Assert.Contains(problems, p => p.Problem.Contains("at most 1.5 MiB per object", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "spec.functions[1].env" && p.Problem.Contains("at most 64", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "spec.functions[1].env" && p.Problem.Contains("Lambda allows 4096 bytes", StringComparison.Ordinal));
    }
}

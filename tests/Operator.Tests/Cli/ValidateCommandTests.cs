using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class ValidateCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        return Tern.Run(["validate", .. args]);
    }

    [Fact]
    public void Every_example_is_valid()
    {
        var (exit, output, _) = Run(RepoPaths.Of("examples"));
        Assert.True(exit == 0, output);
        foreach (var name in new[] { "dna-visualization", "image-processing", "text-2-speech-censoring", "video-analytics" })
        {
            Assert.Contains($"ServerlessWorkflow {name} (document 1): valid.", output, StringComparison.Ordinal);
        }
        Assert.Contains("CarbonSource default (document 1): valid.", output, StringComparison.Ordinal);
        Assert.EndsWith("all valid.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_exits_1_and_prints_every_error_with_file_line_and_column()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tern-validate-").FullName, "broken.yaml");
        File.WriteAllText(file, """
            apiVersion: tern.dev/v1alpha1
            kind: ServerlessWorkflow
            metadata:
              name: broken
            spec:
              homeRegion: us-east-1
              executionRoleArn: arn:aws:iam::123456789012:role/tern
              entrypoint: a
              functions:
                - name: a
                  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
                  memoryMiB: 64
                  calls: [{function: b}]
                - name: b
                  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
                  calls: [{function: a}]
            """);
        var (exit, output, _) = Run(file);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains($"{file}:12:18: error: spec.functions[0].memoryMiB: 64 is outside the range Lambda " +
            $"allows.", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:16:26: error: spec.functions[1].calls[0].function: 'b' calls the entrypoint 'a'", output, StringComparison.Ordinal);
        Assert.Contains("a → b → a", output, StringComparison.Ordinal);
        Assert.Contains("ServerlessWorkflow broken (document 1): 3 error(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_exits_2_with_a_message()
    {
        var (exit, _, error) = Run("/nonexistent/workflow.yaml");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("tern validate: /nonexistent/workflow.yaml: no such file or directory; give a manifest file, or a directory of them.\n" +
            "Run 'tern validate --help' for usage.\n", error);
    }

    [Fact]
    public void An_empty_directory_says_no_manifests_were_found_and_fails()
    {
        var directory = Directory.CreateTempSubdirectory("tern-validate-").FullName;
        var (exit, output, error) = Run(directory);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal("", output);
        Assert.Equal($"tern validate: no manifests found in {directory}: a directory is checked for *.yaml and *.yml files.\n", error);
    }

    [Fact]
    public void A_misspelt_kind_still_names_the_object()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tern-validate-").FullName, "kind.yaml");
        File.WriteAllText(file, File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml"))
            .Replace("kind: ServerlessWorkflow", "kind: ServerlessWorkflw", StringComparison.Ordinal));
        var (exit, output, _) = Run(file);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("'ServerlessWorkflw' is not a Tern kind. Did you mean 'ServerlessWorkflow'?", output, StringComparison.Ordinal);
        Assert.Contains($"{file}: ServerlessWorkflw dna-visualization (document 1): 1 error(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upper_case_region_is_told_region_codes_are_lower_case()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tern-validate-").FullName, "upper.yaml");
        File.WriteAllText(file, File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml"))
            .Replace("regions: [us-east-1, us-west-1, us-west-2, ca-central-1]", "regions: [us-east-1, us-west-1, US-WEST-2, " +
                "ca-central-1]", StringComparison.Ordinal));
        var (exit, output, _) = Run(file);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("'US-WEST-2' is not an AWS region in Tern's catalogue. Region codes are lower case: did you mean 'us-west-2'?", output,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999999999999999", "99999999999999999999 is a whole number too large (max 10240).")]
    [InlineData("9999999999", "9999999999 is a whole number too large (max 2147483647).")]
    public void A_number_too_large_says_so_with_the_maximum_and_names_the_object(string memory, string message)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tern-validate-").FullName, "large.yaml");
        File.WriteAllText(file, File.ReadAllText(RepoPaths.Of("examples", "dna-visualization.yaml"))
            .Replace("memoryMiB: 1024", $"memoryMiB: {memory}", StringComparison.Ordinal));
        var (exit, output, _) = Run(file);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains($"spec.functions[0].memoryMiB: {message}", output, StringComparison.Ordinal);
        Assert.Contains("ServerlessWorkflow dna-visualization (document 1): 1 error(s).", output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", output, StringComparison.Ordinal);
    }
}

using System.CommandLine;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class ValidateCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TernCli.Build().Parse(["validate", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
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
        Assert.Equal(ValidateCommand.ExitInvalid, exit);
        Assert.Contains($"{file}:12:18: error: spec.functions[0].memoryMiB: 64 is outside the range Lambda allows.", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:16:26: error: spec.functions[1].calls[0].function: 'b' calls the entrypoint 'a'", output, StringComparison.Ordinal);
        Assert.Contains("a → b → a", output, StringComparison.Ordinal);
        Assert.Contains("ServerlessWorkflow broken (document 1): 3 error(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_exits_2_with_a_message()
    {
        var (exit, _, error) = Run("/nonexistent/workflow.yaml");
        Assert.Equal(ValidateCommand.ExitUsage, exit);
        Assert.Contains("/nonexistent/workflow.yaml does not exist", error, StringComparison.Ordinal);
    }
}

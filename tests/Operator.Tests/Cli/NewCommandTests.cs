using Tern.Operator.Tests.Support;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern new workflow` as a user runs it. The scaffold's build and run are in <see cref="DevCommandTests"/>.</summary>
public sealed class NewCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("tern-new-").FullName;

    private static string Library => RepoPaths.Of("src", "Functions", "Tern.Functions.csproj");

    [Fact]
    public async Task The_scaffold_is_the_sample_renamed_with_a_manifest_tern_validate_accepts()
    {
        var target = Path.Combine(_work, "hello-speech");

        var (exit, output) = await TernProcess.RunAsync(["new", "workflow", "hello-speech", "--output-dir", target, "--functions-project", Library],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        var (valid, report) = await TernProcess.RunAsync(["validate", Path.Combine(target, "workflow.yaml")], new Dictionary<string, string>(),
            TimeSpan.FromMinutes(1));

        Assert.True(exit == 0, output);
        Assert.Equal(["Handlers.cs", "HelloSpeech.csproj", "Program.cs", "workflow.yaml"],
            Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.True(valid == 0, report);
        var manifest = await File.ReadAllTextAsync(Path.Combine(target, "workflow.yaml"));
        Assert.Contains("name: hello-speech", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("text-2-speech-dotnet", manifest, StringComparison.Ordinal);
        Assert.Contains("namespace HelloSpeech;", await File.ReadAllTextAsync(Path.Combine(target, "Handlers.cs")), StringComparison.Ordinal);
        var project = await File.ReadAllTextAsync(Path.Combine(target, "HelloSpeech.csproj"));
        Assert.Contains($"Include=\"{Path.GetRelativePath(target, Library)}\"", project, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello", "is not a workflow name")]
    [InlineData("taken", "exists and is not empty")]
    public async Task A_bad_name_or_a_used_directory_is_refused_with_exit_2(string name, string message)
    {
        var target = Path.Combine(_work, name);
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "mine");

        var (exit, output) = await TernProcess.RunAsync(["new", "workflow", name, "--output-dir", target, "--functions-project", Library],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

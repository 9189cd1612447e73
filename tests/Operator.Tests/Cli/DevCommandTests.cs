using System.Text.RegularExpressions;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support;
using Tern.Tests.Support.Aws;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern dev` and `tern invoke` as a user runs them, on a workflow `tern new` scaffolded: the functions built
/// and run as processes behind the local function host, DynamoDB on a moto_server tern dev starts itself.</summary>
public sealed partial class DevCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("tern-dev-").FullName;

    private static string? SkipReason => Tools.Find("moto_server") is null
        ? "moto_server is not on PATH; tern dev starts it for DynamoDB (pyenv's python3 with moto 5)."
        : null;

    private async Task<string> ScaffoldAsync(string name)
    {
        var target = Path.Combine(_work, name);
        var (exit, output) = await TernProcess.RunAsync(["new", "workflow", name, "--output-dir", target, "--functions-project",
            RepoPaths.Of("src", "Functions", "Tern.Functions.csproj")], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        return target;
    }

    [SkippableFact]
    public async Task Once_runs_the_workflow_through_its_join_with_a_placed_function_in_its_region_and_prints_every_execution()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var project = await ScaffoldAsync("dev-once");

        var (exit, output) = await TernProcess.RunAsync(["dev", Path.Combine(project, "workflow.yaml"), "--project", project,
            "--place", "conversion=ca-central-1", "--payload", """{"text":"darn it"}""", "--once"], new Dictionary<string, string>(),
            TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, output);
        Assert.Contains("execution(s)", output, StringComparison.Ordinal);
        var executions = output.Split('\n').SkipWhile(l => !l.Contains("execution(s)", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(["censor", "compression", "conversion", "get-input", "profanity", "text-2-speech"],
            executions.Select(l => l.Split(' ')[0]).Order());
        Assert.StartsWith("conversion       ca-central-1", executions.Single(l => l.StartsWith("conversion", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.Contains("calls [conversion@ca-central-1]", executions.Single(l => l.StartsWith("text-2-speech", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.Contains("""Succeeded: {"bytes":""", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_session_serves_until_stopped_and_tern_invoke_starts_runs_through_the_entry_printing_the_run_id()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var project = await ScaffoldAsync("dev-serve");
        using var dev = TernProcess.Start(["dev", Path.Combine(project, "workflow.yaml"), "--project", project], new Dictionary<string, string>());
        var hint = await dev.WaitForLineAsync(l => l.Contains("tern invoke", StringComparison.Ordinal), TimeSpan.FromMinutes(4));
        var environment = EnvironmentPattern().Matches(hint).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var payload = Path.Combine(_work, "payload.json");
        await File.WriteAllTextAsync(payload, """{"text": "hello there"}""");

        var (exit, output) = await TernProcess.RunAsync(["invoke", "default/dev-serve", "--aws-region", "us-east-1", "--payload", "@" + payload],
            environment, TimeSpan.FromMinutes(1));
        var (missingExit, missing) = await TernProcess.RunAsync(["invoke", "default/nothing", "--aws-region", "us-east-1", "--payload", "{}"],
            environment, TimeSpan.FromMinutes(1));

        Assert.True(exit == 0, output);
        var runId = output.Split('\n')[0].Trim();
        Assert.Matches("^[0-9a-f]{32}$", runId);
        Assert.Contains($"run {runId} of default/dev-serve started at get-input in us-east-1", output, StringComparison.Ordinal);
        await dev.WaitForLineAsync(l => l.Contains("dev-serve-compression-us-east-1@us-east-1] Succeeded", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1));
        Assert.Equal(1, missingExit);
        Assert.Contains("no placement is published for default/nothing", missing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "--payload is not JSON")]
    [InlineData("@/nonexistent/payload.json", "the file /nonexistent/payload.json does not exist")]
    public async Task Invoke_refuses_a_payload_that_is_not_JSON_with_exit_2(string payload, string message)
    {
        var (exit, output) = await TernProcess.RunAsync(["invoke", "orders", "--aws-region", "us-east-1", "--payload", payload],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [GeneratedRegex("(AWS_[A-Z_]+)=(\\S+)")]
    private static partial Regex EnvironmentPattern();
}

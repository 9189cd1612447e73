using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The Argo CD health checks in config/argocd, run by Debian's lua5.1 (Argo CD's interpreter speaks Lua
/// 5.1) in a sandbox with only the libraries Argo CD offers, against the cases of each *_test.yaml.</summary>
public class ArgoCdHealthTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in new[] { "serverlessworkflow", "carbonsource" })
        {
            foreach (var test in TestCases(kind))
            {
                cases.Add(kind, test["inputPath"]!.GetValue<string>());
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_health_check_gives_the_expected_status_and_message(string kind, string inputPath)
    {
        var expected = TestCases(kind).Single(t => t["inputPath"]!.GetValue<string>() == inputPath)["healthStatus"]!;
        var (status, message) = await RunAsync(kind, YamlJson.ReadSingle(File.ReadAllText(RepoPaths.Of("config", "argocd", inputPath))));
        Assert.Equal(expected["status"]!.GetValue<string>(), status);
        Assert.Equal(expected["message"]!.GetValue<string>(), message);
    }

    [Theory]
    [InlineData("serverlessworkflow", "Healthy,Progressing,Degraded,Suspended")]
    [InlineData("carbonsource", "Healthy,Progressing,Degraded")]
    public void The_cases_reach_every_status_the_kind_can_have(string kind, string statuses)
    {
        var reached = TestCases(kind).Select(t => t["healthStatus"]!["status"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(statuses.Split(',').ToHashSet(), reached);
    }

    [Fact]
    public async Task A_condition_message_with_quotes_backslashes_and_non_ascii_text_reaches_the_script_unchanged()
    {
        const string message = "copy \"decode\" in eu-north-1 \\ région: 401\nretry";
        var workflow = JsonNode.Parse("""{"metadata": {"generation": 1}, "spec": {}, "status": {"observedGeneration": 1, "conditions": []}}""")!;
        workflow["status"]!["conditions"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "Degraded", ["status"] = "True", ["reason"] = "DeploymentFailed", ["message"] = message, ["observedGeneration"] = 1,
        });
        var (status, text) = await RunAsync("serverlessworkflow", workflow);
        Assert.Equal("Degraded", status);
        Assert.Equal($"DeploymentFailed: {message}", text);
    }

    [Fact]
    public async Task A_script_that_reaches_for_a_library_argo_cd_does_not_offer_fails_in_the_harness()
    {
        // Shows that the sandbox is real: Argo CD gives health scripts no os, io or require.
        var script = Path.Combine(Directory.CreateTempSubdirectory("tern-lua-").FullName, "health.lua");
        await File.WriteAllTextAsync(script, "local hs = {}\nhs.status = os.getenv('HOME')\nreturn hs\n");
        var result = await RunScriptAsync(script, new JsonObject());
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("attempt to index global 'os'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_argocd_cm_snippet_holds_exactly_the_two_scripts()
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var start = readme.IndexOf("```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no argocd-cm snippet");
        var body = readme[(start + "```yaml\n".Length)..];
        var data = YamlJson.ReadSingle(body[..body.IndexOf("```", StringComparison.Ordinal)])["data"]!;
        Assert.Equal(File.ReadAllText(RepoPaths.Of("config", "argocd", "health-serverlessworkflow.lua")),
            data["resource.customizations.health.tern.dev_ServerlessWorkflow"]!.GetValue<string>());
        Assert.Equal(File.ReadAllText(RepoPaths.Of("config", "argocd", "health-carbonsource.lua")),
            data["resource.customizations.health.tern.dev_CarbonSource"]!.GetValue<string>());
    }

    private static IEnumerable<JsonNode> TestCases(string kind) =>
        YamlJson.ReadSingle(File.ReadAllText(RepoPaths.Of("config", "argocd", $"health-{kind}_test.yaml")))["tests"]!.AsArray().Select(t => t!);

    private static async Task<(string Status, string Message)> RunAsync(string kind, JsonNode obj)
    {
        var result = await RunScriptAsync(RepoPaths.Of("config", "argocd", $"health-{kind}.lua"), obj);
        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Stdout.Split('\n');
        return (lines[0], string.Join('\n', lines[1..^1]));
    }

    private static async Task<ToolResult> RunScriptAsync(string script, JsonNode obj)
    {
        var input = Path.Combine(Directory.CreateTempSubdirectory("tern-lua-").FullName, "obj.lua");
        await File.WriteAllTextAsync(input, "return " + LuaLiteral.Of(obj) + "\n");
        return await Tools.RunAsync(Tools.Lua51, [RepoPaths.Fixture("argocd", "harness.lua"), script, input]);
    }
}

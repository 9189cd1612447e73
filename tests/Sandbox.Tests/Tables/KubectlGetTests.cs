using System.Text.RegularExpressions;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Tables;

public class KubectlGetTests
{
    private const string Status = """
        {"status":{"plan":{"summary":"FineGrained: ca-central-1","carbonSavings":"91.5%","generatedAt":"2024-01-01T00:00:00Z",
         "expiresAt":"2024-01-02T00:00:00Z","algorithm":"FineGrained","timeKeys":[]},"invocations":{"total":42},
         "conditions":[{"type":"Ready","status":"True","reason":"Planned","message":"ok","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}
        """;

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Get_shows_the_printer_columns_and_wide_adds_the_low_priority_ones(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("columns"), ["apply", "-f", "-"]);
        await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "columns", "--subresource=status", "--type=merge", "-p", Status);

        var table = Lines(await sandbox.KubectlOkAsync(kubectl, "get", "swf"));
        Assert.Matches(@"^NAME\s+HOME\s+PLAN\s+SAVINGS\s+READY\s+AGE$", table[0]);
        Assert.Matches(@"^columns\s+us-east-1\s+FineGrained: ca-central-1\s+91\.5%\s+True\s+\d+s$", table[1]);

        var wide = Lines(await sandbox.KubectlOkAsync(kubectl, "get", "swf", "-o", "wide"));
        Assert.Matches(@"^NAME\s+HOME\s+PLAN\s+SAVINGS\s+READY\s+REASON\s+INVOCATIONS\s+AGE$", wide[0]);
        Assert.Matches(@"\sPlanned\s+42\s", wide[1]);

        var all = Lines(await sandbox.KubectlOkAsync(kubectl, "get", "swf", "-A"));
        Assert.Matches(@"^NAMESPACE\s+NAME\s+HOME", all[0]);
        Assert.StartsWith("default", all[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_o_yaml_shows_the_stored_object_with_its_defaults()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        await sandbox.KubectlOkAsync(Kubectl.V135, Manifests.Workflow("yaml"), ["apply", "-f", "-"]);

        var yaml = await sandbox.KubectlOkAsync(Kubectl.V135, "get", "swf", "yaml", "-o", "yaml");
        Assert.Contains("memoryMiB: 128", yaml, StringComparison.Ordinal);
        Assert.Contains("carbonSourceRef: default", yaml, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", yaml, StringComparison.Ordinal);
        Assert.Contains("manager: kubectl-client-side-apply",
            await sandbox.KubectlOkAsync(Kubectl.V135, "get", "swf", "yaml", "-o", "yaml", "--show-managed-fields"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_in_kinds_have_their_default_columns()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var namespaces = Lines(await sandbox.KubectlOkAsync(Kubectl.V135, "get", "namespaces"));
        Assert.Matches(@"^NAME\s+STATUS\s+AGE$", namespaces[0]);
        Assert.Contains(namespaces, l => Regex.IsMatch(l, @"^default\s+Active\s+\d+s$"));
        await sandbox.KubectlOkAsync(Kubectl.V135, "create", "configmap", "settings", "--from-literal=a=b");
        Assert.Matches(@"settings\s+\d+s", await sandbox.KubectlOkAsync(Kubectl.V135, "get", "cm"));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
}

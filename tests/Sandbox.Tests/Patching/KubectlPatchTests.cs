using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Patching;

public class KubectlPatchTests
{
    private const string Path = "/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/patched";

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Merge_json_and_strategic_patches_change_what_they_name(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("patched"), ["apply", "-f", "-"]);

        await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "patched", "--type=merge", "-p", """{"metadata":{"labels":{"team":"a"}}}""");
        await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "patched", "--type=json", "-p",
            """[{"op":"replace","path":"/spec/functions/0/memoryMiB","value":256}]""");
        // Strategic: the functions list merges by name (its list-map key), so the other fields of "a" stay.
        await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "patched", "-p", """{"spec":{"functions":[{"name":"a","timeoutSeconds":30}]}}""");

        var function = (await sandbox.GetAsync(Path))!["spec"]!["functions"]!.AsArray().Single()!;
        Assert.Equal(256, function["memoryMiB"]!.GetValue<long>());
        Assert.Equal(30, function["timeoutSeconds"]!.GetValue<long>());
        Assert.Equal("a", (await sandbox.GetAsync(Path))!["metadata"]!["labels"]!["team"]!.GetValue<string>());

        var invalid = await sandbox.KubectlAsync(kubectl, "patch", "swf", "patched", "--type=merge", "-p", """{"spec":{"functions":[]}}""");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("spec.functions: Invalid value", invalid.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Edit_saves_what_the_editor_changed(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("patched"), ["apply", "-f", "-"]);
        var editor = System.IO.Path.Combine(sandbox.Directory, "editor.sh");
        await File.WriteAllTextAsync(editor, "sed -i 's/memoryMiB: 128/memoryMiB: 1024/' \"$1\"\n");

        var result = await kubectl.RunAsync(sandbox.KubeconfigPath, ["edit", "swf", "patched"], environment: new Dictionary<string,
            string> { ["EDITOR"] = $"sh {editor}" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("edited", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(1024, (await sandbox.GetAsync(Path))!["spec"]!["functions"]![0]!["memoryMiB"]!.GetValue<long>());
    }
}

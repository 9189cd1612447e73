using System.Text.Json.Nodes;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Apply;

public class KubectlApplyTests
{
    private const string Path = "/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/";

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Client_side_apply_creates_then_changes_and_removes_what_the_manifest_dropped(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        var labelled = Manifests.Workflow("csa").Replace("namespace: default", "namespace: default\n  labels: {team: a}", StringComparison.Ordinal);

        Assert.Contains("serverlessworkflow.tern.dev/csa created", await sandbox.KubectlOkAsync(kubectl, labelled, ["apply", "-f", "-"]),
            StringComparison.Ordinal);
        var changed = Manifests.Workflow("csa", regions: "[us-east-1, us-west-2]");
        Assert.Contains("configured", await sandbox.KubectlOkAsync(kubectl, changed, ["apply", "-f", "-"]), StringComparison.Ordinal);

        var stored = (await sandbox.GetAsync(Path + "csa"))!;
        Assert.Equal(["us-east-1", "us-west-2"], stored["spec"]!["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(stored["metadata"]!["labels"]?["team"]);
        Assert.Equal(2, stored["metadata"]!["generation"]!.GetValue<long>());
        // Applied again: kubectl re-sends the defaulted functions list (a JSON merge patch replaces lists), which changes nothing.
        await sandbox.KubectlOkAsync(kubectl, changed, ["apply", "-f", "-"]);
        var again = (await sandbox.GetAsync(Path + "csa"))!;
        Assert.Equal(stored["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Server_side_apply_refuses_a_field_another_manager_owns_until_forced(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("ssa"), ["apply", "--server-side", "--field-manager", "alice", "-f", "-"]);

        var other = Manifests.Workflow("ssa", regions: "[us-east-1, eu-west-1]");
        var refused = await sandbox.KubectlWithInputAsync(kubectl, other, "apply", "--server-side", "--field-manager", "bob", "-f", "-");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"alice\" using tern.dev/v1alpha1: .spec.regions", refused.Output,
            StringComparison.Ordinal);
        Assert.Contains("--force-conflicts", refused.Output, StringComparison.Ordinal);
        Assert.Equal("ca-central-1", (await sandbox.GetAsync(Path + "ssa"))!["spec"]!["regions"]![1]!.GetValue<string>());

        await sandbox.KubectlOkAsync(kubectl, other, ["apply", "--server-side", "--field-manager", "bob", "--force-conflicts", "-f", "-"]);
        var stored = (await sandbox.GetAsync(Path + "ssa"))!;
        Assert.Equal("eu-west-1", stored["spec"]!["regions"]![1]!.GetValue<string>());
        Assert.True(Owns(stored, "bob", "f:regions"));
        Assert.False(Owns(stored, "alice", "f:regions"));
        Assert.True(Owns(stored, "alice", "f:homeRegion") && Owns(stored, "bob", "f:homeRegion"), "an equal value is owned by both");
    }

    [Fact]
    public async Task Server_side_apply_removes_what_the_manager_no_longer_applies()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var labelled = Manifests.Workflow("prune").Replace("namespace: default", "namespace: default\n  labels: {team: a}", StringComparison.Ordinal);
        await sandbox.KubectlOkAsync(Kubectl.V135, labelled, ["apply", "--server-side", "-f", "-"]);
        Assert.Equal("a", (await sandbox.GetAsync(Path + "prune"))!["metadata"]!["labels"]!["team"]!.GetValue<string>());

        await sandbox.KubectlOkAsync(Kubectl.V135, Manifests.Workflow("prune"), ["apply", "--server-side", "-f", "-"]);
        Assert.Null((await sandbox.GetAsync(Path + "prune"))!["metadata"]!["labels"]?["team"]);
    }

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Diff_shows_the_change_without_making_it(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("diff"), ["apply", "-f", "-"]);

        var same = await sandbox.KubectlWithInputAsync(kubectl, Manifests.Workflow("diff"), "diff", "-f", "-");
        Assert.True(same.ExitCode == 0, same.Output);
        var different = await sandbox.KubectlWithInputAsync(kubectl, Manifests.Workflow("diff", regions: "[us-east-1, us-west-2]"), "diff", "-f",
            "-");
        Assert.True(different.ExitCode == 1, different.Output);
        Assert.Contains("-  - ca-central-1", different.Stdout, StringComparison.Ordinal);
        Assert.Contains("+  - us-west-2", different.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await sandbox.GetAsync(Path + "diff"))!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Create_dry_run_server_validates_and_defaults_but_stores_nothing(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        var answer = await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("dry"), ["create", "--dry-run=server", "-o", "yaml", "-f", "-"]);
        Assert.Contains("memoryMiB: 128", answer, StringComparison.Ordinal);
        Assert.Null(await sandbox.GetAsync(Path + "dry"));

        var invalid = await sandbox.KubectlWithInputAsync(kubectl, Manifests.Workflow("dry", entrypoint: "b"), "create", "--dry-run=server", "-f",
            "-");
        Assert.Contains("spec.entrypoint must be the name of one of spec.functions", invalid.Output, StringComparison.Ordinal);
    }

    private static bool Owns(JsonObject stored, string manager, string field) =>
        stored["metadata"]!["managedFields"]!.AsArray().Any(e => e!["manager"]!.GetValue<string>() == manager
            && e["fieldsV1"]!["f:spec"]?[field] is not null);
}

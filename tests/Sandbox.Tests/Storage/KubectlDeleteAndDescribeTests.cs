using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Storage;

public class KubectlDeleteAndDescribeTests
{
    private const string Path = "/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/held";

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Delete_waits_for_the_last_finalizer(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        var held = Manifests.Workflow("held").Replace("namespace: default", "namespace: default\n  finalizers: [tern.dev/function-copies]",
            StringComparison.Ordinal);
        await sandbox.KubectlOkAsync(kubectl, held, ["apply", "-f", "-"]);

        await sandbox.KubectlOkAsync(kubectl, "delete", "swf", "held", "--wait=false");
        var deleting = (await sandbox.GetAsync(Path))!;
        Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);

        var waiting = kubectl.RunAsync(sandbox.KubeconfigPath, ["wait", "--for=delete", "swf/held", "--timeout=60s"]);
        await sandbox.KubectlOkAsync(kubectl, "patch", "swf", "held", "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        var waited = await waiting;
        Assert.True(waited.ExitCode == 0, waited.Output);
        Assert.Null(await sandbox.GetAsync(Path));
    }

    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Describe_lists_the_objects_events(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);
        await sandbox.KubectlOkAsync(kubectl, Manifests.Workflow("described"), ["apply", "-f", "-"]);
        var described = await sandbox.GetAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/described");
        var uid = described!["metadata"]!["uid"]!.GetValue<string>();
        foreach (var (name, subject, subjectUid, reason) in new[] { ("e1", "described", uid, "PlanPublished"), ("e2", "other", "u2", "NotMine") })
        {
            var eventManifest = $$$"""
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"{{{name}}}","namespace":"default"},"type":"Normal","reason":"{{{reason}}}",
                 "message":"about {{{subject}}}","source":{"component":"tern"},"count":1,
                 "firstTimestamp":"2024-01-01T00:00:00Z","lastTimestamp":"2024-01-01T00:00:00Z",
                 "involvedObject":{"apiVersion":"tern.dev/v1alpha1","kind":"ServerlessWorkflow","namespace":"default",
                                   "name":"{{{subject}}}","uid":"{{{subjectUid}}}"}}
                """;
            await sandbox.KubectlOkAsync(kubectl, eventManifest, ["create", "-f", "-"]);
        }

        var description = await sandbox.KubectlOkAsync(kubectl, "describe", "swf", "described");

        Assert.Contains("Home Region:", description, StringComparison.Ordinal);
        Assert.Matches(@"Normal\s+PlanPublished\s+.*tern\s+about described", description);
        Assert.DoesNotContain("NotMine", description, StringComparison.Ordinal);
    }
}

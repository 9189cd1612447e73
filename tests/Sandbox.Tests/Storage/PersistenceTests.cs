using System.Net;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Storage;

public class PersistenceTests
{
    [Fact]
    public async Task A_server_started_again_on_its_data_directory_serves_the_same_objects_and_versions_keep_increasing()
    {
        var data = Directory.CreateTempSubdirectory("tern-sandbox-data-").FullName;
        var options = new LoopbackServerOptions { DataDirectory = data };
        string created, lastVersion;
        await using (var first = await SandboxFixture.StartAsync(options))
        {
            await first.KubectlOkAsync(Kubectl.V135, Manifests.Workflow("kept"), ["apply", "-f", "-"]);
            await first.KubectlOkAsync(Kubectl.V135, "create", "configmap", "settings", "--from-literal=a=b");
            await first.KubectlOkAsync(Kubectl.V135, "delete", "configmap", "settings");
            var stored = await first.GetAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/kept");
            created = stored!["metadata"]!["uid"]!.GetValue<string>();
            lastVersion = (await first.GetAsync("/api/v1/namespaces"))!["metadata"]!["resourceVersion"]!.GetValue<string>();
        }

        // No CRDs registered this time: the stored ones serve their kinds again.
        await using var second = await SandboxFixture.StartAsync(options, withCrds: false);
        var kept = (await second.GetAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/kept"))!;
        Assert.Equal(created, kept["metadata"]!["uid"]!.GetValue<string>());
        Assert.Contains("kept", await second.KubectlOkAsync(Kubectl.V135, "get", "swf"), StringComparison.Ordinal);
        Assert.Null(await second.GetAsync("/api/v1/namespaces/default/configmaps/settings"));

        using var api = new ApiClient(second.Server.BaseUri);
        var next = await api.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"after"}}""");
        Assert.Equal(HttpStatusCode.Created, next.Code);
        Assert.True(long.Parse(next.Body!["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(lastVersion));
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_watch_from_before_the_restart_gets_410_and_lists_again()
    {
        var data = Directory.CreateTempSubdirectory("tern-sandbox-data-").FullName;
        var options = new LoopbackServerOptions { DataDirectory = data };
        string version;
        await using (var first = await SandboxFixture.StartAsync(options))
        {
            version = (await first.GetAsync("/api/v1/namespaces"))!["metadata"]!["resourceVersion"]!.GetValue<string>();
            using var api = new ApiClient(first.Server.BaseUri);
            await api.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a"}}""");
        }
        await using var second = await SandboxFixture.StartAsync(options);
        using var http = new HttpClient { BaseAddress = second.Server.BaseUri };
        var line = await http.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=5&resourceVersion={version}",
            UriKind.Relative));
        Assert.Contains("\"code\":410", line, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Discovery;

public class DiscoveryTests
{
    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Kubectl_finds_the_custom_kinds_by_short_name_and_category(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);

        var resources = await sandbox.KubectlOkAsync(kubectl, "api-resources", "--api-group", "tern.dev", "--no-headers");
        var swf = resources.Split('\n').Single(l => l.StartsWith("serverlessworkflows", StringComparison.Ordinal));
        Assert.Matches(@"serverlessworkflows\s+swf\s+tern\.dev/v1alpha1\s+true\s+ServerlessWorkflow", swf);
        Assert.Contains(resources.Split('\n'), l => l.StartsWith("carbonsources", StringComparison.Ordinal) && l.Contains("false",
            StringComparison.Ordinal));

        Assert.Contains("No resources found", (await sandbox.KubectlAsync(kubectl, "get", "tern")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregated_discovery_is_answered_in_the_asked_version_and_legacy_discovery_otherwise()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json"));
        using var response = await http.SendAsync(request);

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
            response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var aggregated = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var tern = aggregated["items"]!.AsArray().Single(g => g!["metadata"]!["name"]!.GetValue<string>() == "tern.dev")!;
        var swf = tern["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "serverlessworkflows")!;
        Assert.Equal("Namespaced", swf["scope"]!.GetValue<string>());
        Assert.Equal("status", swf["subresources"]![0]!["subresource"]!.GetValue<string>());
        Assert.Contains("patch", swf["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));

        var legacy = await sandbox.GetAsync("/apis");
        Assert.Equal("APIGroupList", legacy!["kind"]!.GetValue<string>());
        var resources = await sandbox.GetAsync("/apis/tern.dev/v1alpha1");
        var names = resources!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["carbonsources", "carbonsources/status", "serverlessworkflows", "serverlessworkflows/status"],
            names.Order(StringComparer.Ordinal));
        Assert.Equal("v1", (await sandbox.GetAsync("/api"))!["versions"]![0]!.GetValue<string>());
        Assert.Equal("36", (await sandbox.GetAsync("/version"))!["minor"]!.GetValue<string>());
    }
}

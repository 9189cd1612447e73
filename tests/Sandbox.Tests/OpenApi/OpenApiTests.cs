using System.Net;
using System.Net.Http.Headers;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.OpenApi;

public class OpenApiTests
{
    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task Kubectl_explain_shows_the_crd_schema_and_the_built_in_kinds(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var kubectl = Kubectl.Of(version);

        var functions = await sandbox.KubectlOkAsync(kubectl, "explain", "serverlessworkflow.spec.functions");
        Assert.Contains("FIELD: functions <[]Object>", functions, StringComparison.Ordinal);
        Assert.Contains("The functions of the workflow and the calls between them", functions, StringComparison.Ordinal);
        Assert.Contains("memoryMiB\t<integer>", functions, StringComparison.Ordinal);
        Assert.Contains("image\t<string> -required-", functions, StringComparison.Ordinal);

        var metadata = await sandbox.KubectlOkAsync(kubectl, "explain", "swf.metadata.labels");
        Assert.Contains("map[string]string", metadata, StringComparison.Ordinal);
        Assert.Contains("holds configuration data for pods", await sandbox.KubectlOkAsync(kubectl, "explain", "configmap"), StringComparison.Ordinal);
        Assert.Contains("holderIdentity", await sandbox.KubectlOkAsync(kubectl, "explain", "lease.spec"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_v2_is_json_with_the_kinds_and_refused_to_a_protobuf_only_client()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var document = await sandbox.GetAsync("/openapi/v2");
        var swf = document!["definitions"]!["dev.tern.v1alpha1.ServerlessWorkflow"]!;
        Assert.Equal("ServerlessWorkflow", swf["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        var patch = document["paths"]!["/apis/tern.dev/v1alpha1/namespaces/{namespace}/serverlessworkflows/{name}"]!["patch"]!;
        var consumes = patch["consumes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.DoesNotContain("application/strategic-merge-patch+json", consumes);
        Assert.Contains("application/apply-patch+yaml", consumes);

        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_v3_tells_kubectl_that_the_server_validates_fields_and_runs_dry_runs()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var index = await sandbox.GetAsync("/openapi/v3");
        var url = index!["paths"]!["apis/tern.dev/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        var document = await sandbox.GetAsync(url);
        var patch = document!["paths"]!["/apis/tern.dev/v1alpha1/namespaces/{namespace}/serverlessworkflows/{name}"]!["patch"]!;
        var parameters = patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("fieldValidation", parameters);
        Assert.Contains("dryRun", parameters);
        Assert.Equal("ServerlessWorkflow", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
    }
}

using System.Net;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Http;

public class FaultTests
{
    [Fact]
    public async Task Throttling_answers_429_with_retry_after_for_the_next_requests_only()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        sandbox.Server.Faults.ThrottleNextRequests(2, TimeSpan.FromSeconds(3));

        var first = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var second = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var third = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.Code);
        Assert.Equal(TimeSpan.FromSeconds(3), first.RetryAfter);
        Assert.Equal("TooManyRequests", first.Body!["reason"]!.GetValue<string>());
        Assert.Equal(3, first.Body["details"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Code);
        Assert.Equal(HttpStatusCode.OK, third.Code);
    }

    [Fact]
    public async Task A_client_that_reads_only_protobuf_gets_406_and_an_unknown_path_404()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        request.Headers.Accept.ParseAdd("application/vnd.kubernetes.protobuf");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/apis/nope.dev/v1/things", UriKind.Relative))).StatusCode);
    }
}

using System.Net;
using System.Net.Sockets;
using Tern.Footprint.Power;
using Tern.Tests.Support;
using static Tern.Footprint.Tests.FootprintSupport;

namespace Tern.Footprint.Tests.Power;

public class QueryRangeClientTests
{
    [Fact]
    public void The_window_is_floored_and_ceiled_to_the_30_second_step()
    {
        Assert.Equal(At(10, 0, 0), QueryRangeClient.Floor(At(10, 0, 29)));
        Assert.Equal(At(10, 0, 30), QueryRangeClient.Ceiling(At(10, 0, 1)));
        Assert.Equal(At(10, 0, 30), QueryRangeClient.Ceiling(At(10, 0, 30)));
    }

    [Fact]
    public async Task An_unreachable_store_is_named_with_what_to_check()
    {
        // A port that was free a moment ago and that nothing listens on.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var client = new QueryRangeClient(http, new Uri($"http://127.0.0.1:{port}"));
        var error = await Assert.ThrowsAsync<FootprintInputException>(() => client.QueryAsync("up", At(10, 0), At(10, 5), CancellationToken.None));
        Assert.StartsWith($"cannot reach the power store at http://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
        Assert.Contains("check --power-url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_query_carries_the_store_s_reason()
    {
        using var server = new LoopbackServer(_ => new Reply(400, """{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"""));
        using var http = new HttpClient();
        var client = new QueryRangeClient(http, new Uri(server.BaseUrl));
        var error = await Assert.ThrowsAsync<FootprintInputException>(() => client.QueryAsync("up{", At(10, 0), At(10, 5), CancellationToken.None));
        Assert.Contains("refused the query up{ (HTTP 400): parse error at char 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_its_placeholder_says_where_the_node_goes()
    {
        Assert.Null(PowerQueryTemplate.Parse("node_power_watts", out var error));
        Assert.Contains("has no {{node}}", error, StringComparison.Ordinal);
        var template = PowerQueryTemplate.Parse("p{node=\"{{node}}\"}", out _)!;
        Assert.Equal("p{node=\"a\\\"b\"}", template.For("a\"b"));
    }
}

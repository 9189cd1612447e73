using System.Net;
using System.Text;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.Http;

/// <summary>ProviderHttp against misbehaving loopback servers: every failure ends within its bound with a clear error,
/// and nothing a server sends reaches an error message.</summary>
public class ProviderHttpTests
{
    private const string Token = "tok-4c1e9a";

    // Bounds for waits in these tests: far above what each case needs, so a busy machine does not fail them, yet they
    // stop a test whose limit is broken.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private sealed record Probe(string? Zone);

    private static (ProviderHttp Http, CapturingLoggerProvider Log) Client(HttpClient http, ProviderRequestOptions? requests = null)
    {
        var log = new CapturingLoggerProvider();
        var redactor = new Redactor();
        redactor.Add(Token);
        var context = new ProviderContext(http, requests ?? CarbonTestData.FastRequests, TimeProvider.System, log.CreateLogger(), redactor);
        return (new ProviderHttp(context, "Test provider", (m, f, s, i) => new CarbonProviderException(m, f, s, i)), log);
    }

    private static Task<Probe> GetAsync(ProviderHttp http, string url) =>
        http.GetJsonAsync<Probe>(new Uri(url), r => r.Headers.Add("auth-token", Token), default).WaitAsync(Bound);

    [Fact]
    public async Task A_body_over_the_limit_is_refused_from_its_Content_Length_without_a_retry()
    {
        using var server = new LoopbackServer(_ => Reply.Json($"{{\"zone\":\"{new string('x', 2 * 1024 * 1024)}\"}}"));
        using var client = ProviderHttpClient.Create();
        var (http, _) = Client(client, CarbonTestData.FastRequests with { MaxBodyBytes = 64 * 1024 });

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl + "/data"));

        Assert.Equal(CarbonFailure.ResponseTooLarge, error.Failure);
        Assert.Equal($"Test provider GET {server.BaseUrl}/data: the body is larger than the 64 KiB Tern reads; the endpoint may be wrong "
            + "(check the path), or spec.historyWindow asks for more than one answer should hold.", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_endless_chunked_body_is_cut_off_at_the_limit()
    {
        var sent = 0L;
        using var server = new LoopbackServer(_ => new Reply(200, "", Write: async (stream, stop) =>
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 16 * 1024));
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(chunk, stop);
                Interlocked.Add(ref sent, chunk.Length);
            }
        }));
        using var client = ProviderHttpClient.Create();
        var (http, _) = Client(client, CarbonTestData.FastRequests with { MaxBodyBytes = 256 * 1024 });

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl));

        Assert.Equal(CarbonFailure.ResponseTooLarge, error.Failure);
        Assert.Contains("larger than the 256 KiB Tern reads", error.Message, StringComparison.Ordinal);
        Assert.True(Interlocked.Read(ref sent) > 256 * 1024, "the limit was reached by reading, not by a Content-Length");
    }

    [Fact]
    public async Task A_trickling_body_ends_at_the_per_request_timeout_and_each_attempt_is_bounded()
    {
        using var server = new LoopbackServer(_ => new Reply(200, "", Write: async (stream, stop) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"zone\":\""), stop);
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync("x"u8.ToArray(), stop);
                await stream.FlushAsync(stop);
                await Task.Delay(50, stop);
            }
        }));
        using var client = ProviderHttpClient.Create();
        var (http, _) = Client(client, CarbonTestData.FastRequests with { RequestTimeout = TimeSpan.FromMilliseconds(500), MaxAttempts = 2 });

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl + "/slow"));

        Assert.Equal(CarbonFailure.Timeout, error.Failure);
        Assert.Equal($"Test provider GET {server.BaseUrl}/slow: no complete answer within 0.5 s. (gave up after 2 attempts)", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_token_never_reaches_the_other_host()
    {
        using var elsewhere = new LoopbackServer(_ => Reply.Json("{\"zone\":\"DE\"}"));
        using var server = new LoopbackServer(_ => new Reply(302, "",
            Headers: new Dictionary<string, string> { ["Location"] = elsewhere.BaseUrl + "/steal" }));
        using var client = ProviderHttpClient.Create();
        var (http, log) = Client(client);

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl + "/v3"));

        Assert.Equal(CarbonFailure.BadRequest, error.Failure);
        Assert.Contains("HTTP 302 Found, a redirect, which Tern does not follow", error.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
        Assert.Contains(log.Lines, l => l.Contains($"redirect to {elsewhere.BaseUrl}/steal", StringComparison.Ordinal));
    }

    public static TheoryData<string, Reply> Refusals => new()
    {
        { "401 echoing the token", new Reply(401, $"{{\"error\":\"Invalid auth-token {Token}\",\"detail\":\"<script>x</script>\"}}") },
        { "500 page", new Reply(500, $"<html><body>Internal error for key {Token}</body></html>", "text/html") },
        { "HTML with 200", new Reply(200, $"<html>token={Token} login page</html>", "text/html") },
        { "malformed JSON", Reply.Json($"{{\"zone\":\"{Token}\",,}}") },
        { "wrong shape", Reply.Json($"{{\"zone\":{{\"echo\":\"{Token}\"}}}}") },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task No_body_reaches_the_error_and_the_debug_log_holds_it_redacted(string what, Reply reply)
    {
        using var server = new LoopbackServer(_ => reply);
        using var client = ProviderHttpClient.Create();
        var (http, log) = Client(client, CarbonTestData.FastRequests with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl));

        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        Assert.Contains("debug log", error.Message, StringComparison.Ordinal);
        var body = Assert.Single(log.Lines, l => l.Contains("body (redacted", StringComparison.Ordinal));
        Assert.StartsWith("Debug", body, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, body, StringComparison.Ordinal);
        Assert.All(log.Lines, l => Assert.DoesNotContain(Token, l, StringComparison.Ordinal));
        Assert.True(error.StatusCode is not null, what);
    }

    [Fact]
    public async Task The_debug_log_shows_at_most_the_first_thousand_characters_of_a_body()
    {
        using var server = new LoopbackServer(_ => new Reply(503, new string('e', 5000), "text/plain"));
        using var client = ProviderHttpClient.Create();
        var (http, log) = Client(client, CarbonTestData.FastRequests with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<CarbonProviderException>(() => GetAsync(http, server.BaseUrl));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        var body = Assert.Single(log.Lines, l => l.Contains("body (redacted", StringComparison.Ordinal));
        Assert.Contains(new string('e', ProviderHttp.LoggedBodyChars) + "…", body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('e', ProviderHttp.LoggedBodyChars + 1), body, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json;
using Tern.Aws;
using Tern.Functions.Runtime;

namespace Tern.Functions.Tests.Runtime;

/// <summary>The custom runtime against a loopback fake of the Lambda Runtime API.</summary>
public sealed class RuntimeLoopTests
{
    private sealed class Handler(Func<RuntimeInvocation, CancellationToken, Task<string?>> run) : IInvocationHandler
    {
        public Task<string?> HandleAsync(RuntimeInvocation invocation, CancellationToken deadline) => run(invocation, deadline);
    }

    private static async Task<FakeRuntimeApi.Post> RunOnceAsync(FakeRuntimeApi api, IInvocationHandler handler)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var loop = new RuntimeLoop(new RuntimeApiClient(http, api.Address), handler, TimeProvider.System).RunAsync(stop.Token);
        var post = await api.FirstPostAsync();
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        return post;
    }

    [Fact]
    public async Task An_event_is_read_with_every_documented_header_and_its_response_posted_under_its_request_id()
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        using var api = new FakeRuntimeApi("""{"text":"hello"}""", deadline);
        RuntimeInvocation? seen = null;

        var post = await RunOnceAsync(api, new Handler((invocation, _) =>
        {
            seen = invocation;
            return Task.FromResult<string?>("""{"ok":true}""");
        }));

        Assert.Equal($"/2018-06-01/runtime/invocation/{FakeRuntimeApi.RequestId}/response", post.Path);
        Assert.Equal("""{"ok":true}""", post.Body);
        Assert.Null(post.ErrorType);
        Assert.Equal((FakeRuntimeApi.RequestId, FakeRuntimeApi.FunctionArn, FakeRuntimeApi.TraceId, FakeRuntimeApi.ClientContext,
            FakeRuntimeApi.CognitoIdentity), (seen!.RequestId, seen.InvokedFunctionArn, seen.TraceId, seen.ClientContext, seen.CognitoIdentity));
        Assert.Equal(deadline.ToUnixTimeMilliseconds(), seen.Deadline.ToUnixTimeMilliseconds());
        Assert.Equal("""{"text":"hello"}""", Encoding.UTF8.GetString(seen.Body));
    }

    [Fact]
    public async Task The_handlers_token_fires_at_the_deadline_and_a_timeout_error_is_posted()
    {
        using var api = new FakeRuntimeApi("{}", DateTimeOffset.UtcNow.AddMilliseconds(300));

        var post = await RunOnceAsync(api, new Handler(async (_, deadline) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(2), deadline);
            return "late";
        }));

        Assert.Equal($"/2018-06-01/runtime/invocation/{FakeRuntimeApi.RequestId}/error", post.Path);
        Assert.Equal(RuntimeLoop.TimeoutErrorType, post.ErrorType);
        Assert.Contains("deadline", JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_handler_posts_the_documented_error_body_and_the_loop_goes_on()
    {
        using var api = new FakeRuntimeApi("{}", DateTimeOffset.UtcNow.AddMinutes(5));

        var post = await RunOnceAsync(api, new Handler((_, _) => throw new InvalidOperationException("the image is empty")));

        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal($"/2018-06-01/runtime/invocation/{FakeRuntimeApi.RequestId}/error", post.Path);
        Assert.Equal(["errorMessage", "errorType", "stackTrace"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("the image is empty", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.Equal("InvalidOperationException", post.ErrorType);
    }

    [Fact]
    public async Task A_function_that_cannot_start_reports_to_init_error_and_exits_with_1()
    {
        using var api = new FakeRuntimeApi("{}", DateTimeOffset.UtcNow.AddMinutes(5));
        var options = new TernFunctionOptions
        {
            WorkflowNamespace = "shop", WorkflowName = "orders", Function = "resize", Region = "eu-west-1", RuntimeApi = api.Address,
            TableRegion = "us-east-1", Aws = new AwsConfiguration { Credentials = new AwsStaticCredentials("AKIDEXAMPLE", "secret") },
            AwsEnvironment = name => name == "AWS_ENDPOINT_URL_LAMBDA" ? "lambda.local" : null,
        };

        var exit = await options.RunAsync((_, _, _) => Task.FromResult<string?>(null));

        var post = await api.FirstPostAsync();
        Assert.Equal(1, exit);
        Assert.Equal("/2018-06-01/runtime/init/error", post.Path);
        Assert.Equal(TernFunctionExtensions.InitErrorType, post.ErrorType);
        Assert.Contains("AWS_ENDPOINT_URL_LAMBDA 'lambda.local' is not an absolute http or https URL",
            JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }
}

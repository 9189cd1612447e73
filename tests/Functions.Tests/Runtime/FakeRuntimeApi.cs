using System.Collections.Concurrent;
using System.Globalization;
using Tern.Tests.Support;

namespace Tern.Functions.Tests.Runtime;

/// <summary>A loopback fake of the Lambda Runtime API: hands out one event with every documented header, then holds
/// further /next calls (as Lambda does while no event waits), and records what the function posts back.</summary>
internal sealed class FakeRuntimeApi : IDisposable
{
    public const string RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:shop-resize";
    public const string TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
    public const string ClientContext = """{"client":{"app_title":"shop"}}""";
    public const string CognitoIdentity = """{"cognitoIdentityId":"eu-west-1:123","cognitoIdentityPoolId":"eu-west-1:pool"}""";

    private readonly LoopbackServer _server;
    private int _served;

    public FakeRuntimeApi(string body, DateTimeOffset deadline)
    {
        _server = new LoopbackServer(request =>
        {
            var path = request.Url!.AbsolutePath;
            if (request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                if (Interlocked.Increment(ref _served) > 1)
                {
                    return new Reply(200, "{}", Delay: TimeSpan.FromMinutes(5));
                }
                return new Reply(200, body, Headers: new Dictionary<string, string>
                {
                    ["Lambda-Runtime-Aws-Request-Id"] = RequestId,
                    ["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                    ["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn,
                    ["Lambda-Runtime-Trace-Id"] = TraceId,
                    ["Lambda-Runtime-Client-Context"] = ClientContext,
                    ["Lambda-Runtime-Cognito-Identity"] = CognitoIdentity,
                });
            }
            using var reader = new StreamReader(request.InputStream);
            Posts.Enqueue(new Post(path, reader.ReadToEnd(), request.Headers["Lambda-Runtime-Function-Error-Type"]));
            return new Reply(202, """{"status":"OK"}""");
        });
    }

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API gives it.</summary>
    public string Address => new Uri(_server.BaseUrl).Authority;

    public ConcurrentQueue<Post> Posts { get; } = new();

    public async Task<Post> FirstPostAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Posts.IsEmpty && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
        return Assert.Single(Posts);
    }

    public void Dispose() => _server.Dispose();

    public sealed record Post(string Path, string Body, string? ErrorType);
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tern.FunctionHost;

/// <summary>A loopback stand-in for Lambda's Invoke operation (POST /2015-03-31/functions/{name}/invocations) in every
/// region at once: the region comes from the ARN, or from the request's SigV4 credential scope for a plain name, as
/// one AWS_ENDPOINT_URL_LAMBDA serves every region. Event invocations are queued and answered 202, as Lambda does;
/// RequestResponse waits for the function. Signatures are not checked: the endpoint listens on 127.0.0.1 only.</summary>
internal sealed partial class InvokeEndpoint(Func<string, string, RuntimeApiServer?> find) : IAsyncDisposable
{
    /// <summary>Lambda's limits on the event: 256 KB asynchronous, 6 MB synchronous.</summary>
    public const int AsyncLimitBytes = 256 * 1024;
    public const int SyncLimitBytes = 6 * 1024 * 1024;

    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/2015-03-31/functions/{name}/invocations", HandleAsync);
        await _app.StartAsync().ConfigureAwait(false);
        BaseUri = new Uri(_app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context, string name)
    {
        var arn = ArnPattern().Match(name);
        var region = arn.Success ? arn.Groups["region"].Value : ScopeRegion(context.Request.Headers.Authorization.FirstOrDefault());
        var function = arn.Success ? arn.Groups["name"].Value : name;
        var server = region is null ? null : find(region, function);
        if (server is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "ResourceNotFoundException",
                $"Function not found: {LocalFunctionHost.Arn(region ?? "unknown-region", function)}").ConfigureAwait(false);
            return;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var body = buffer.ToArray();
        var type = context.Request.Headers["X-Amz-Invocation-Type"].FirstOrDefault() ?? "RequestResponse";
        var limit = type == "Event" ? AsyncLimitBytes : SyncLimitBytes;
        if (body.Length > limit)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLargeException",
                $"Request must be smaller than {limit} bytes for the {type} invocation type").ConfigureAwait(false);
            return;
        }
        if (type == "DryRun")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        var done = server.EnqueueAsync(body);
        if (type == "Event")
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }
        var execution = await done.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        if (execution.Kind != ExecutionEnd.Succeeded)
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(execution.Response).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Type"] = "User",
            ["message"] = message,
        })).ConfigureAwait(false);
    }

    /// <summary>The region of "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/lambda/aws4_request, …".</summary>
    private static string? ScopeRegion(string? authorization)
    {
        var match = authorization is null ? Match.Empty : ScopePattern().Match(authorization);
        return match.Success ? match.Groups["region"].Value : null;
    }

    [GeneratedRegex("^arn:aws[a-z-]*:lambda:(?<region>[a-z0-9-]+):[0-9]*:function:(?<name>[^:]+)(:.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();

    [GeneratedRegex("Credential=[^/]+/[0-9]+/(?<region>[a-z0-9-]+)/lambda/", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tern.FunctionHost;

/// <summary>A loopback Lambda Runtime API for one copy: events wait in a queue until the function asks for the next
/// one; its response or error completes the event. The function takes one event at a time, as a Lambda execution
/// environment does.</summary>
internal sealed class RuntimeApiServer(LocalCopy copy, TimeProvider clock, Action<LocalExecution> finished) : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";
    private readonly Channel<PendingEvent> _queue = Channel.CreateUnbounded<PendingEvent>();
    private readonly ConcurrentDictionary<string, PendingEvent> _running = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    public LocalCopy Copy => copy;

    /// <summary>Events queued or running.</summary>
    public int InFlight => _queue.Reader.Count + _running.Count;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync().ConfigureAwait(false);
        Address = new Uri(_app.Urls.First()).Authority;
    }

    /// <summary>Queues an event; the task completes with the function's answer.</summary>
    public Task<LocalExecution> EnqueueAsync(byte[] body)
    {
        var done = new TaskCompletionSource<LocalExecution>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new PendingEvent(Guid.NewGuid().ToString(), body, done);
        _queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (method == "GET" && path == Prefix + "invocation/next")
        {
            await NextAsync(context).ConfigureAwait(false);
            return;
        }
        if (method == "POST" && path == Prefix + "init/error")
        {
            finished(new LocalExecution(copy.LambdaName, copy.Region, null, await BodyAsync(context).ConfigureAwait(false),
                context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault() ?? "Unknown", ExecutionEnd.InitFailed));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }
        var parts = path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) ? path[(Prefix.Length + 11)..].Split('/') : [];
        if (method == "POST" && parts.Length == 2 && parts[1] is "response" or "error" && _running.TryRemove(parts[0], out var pending))
        {
            var body = await BodyAsync(context).ConfigureAwait(false);
            var failed = parts[1] == "error";
            var errorType = failed ? context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault() ?? "Unhandled" : null;
            var execution = new LocalExecution(copy.LambdaName, copy.Region, pending.RequestId, body, errorType,
                failed ? ExecutionEnd.Failed : ExecutionEnd.Succeeded);
            finished(execution);
            pending.Done.TrySetResult(execution);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync($$"""{"errorMessage":"no such Runtime API path: {{method}} {{path}}","errorType":"InvalidRequest"}""")
            .ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext context)
    {
        PendingEvent pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return;
        }
        _running[pending.RequestId] = pending;
        var deadline = clock.GetUtcNow().AddSeconds(copy.TimeoutSeconds).ToUnixTimeMilliseconds();
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = copy.Arn;
        var traceId = pending.RequestId.Replace("-", "", StringComparison.Ordinal)[..24];
        headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{clock.GetUtcNow().ToUnixTimeSeconds():x8}-{traceId};Sampled=0";
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(pending.Body).ConfigureAwait(false);
    }

    private static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private sealed record PendingEvent(string RequestId, byte[] Body, TaskCompletionSource<LocalExecution> Done);
}

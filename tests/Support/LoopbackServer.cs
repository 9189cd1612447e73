using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tern.Tests.Support;

/// <summary>An HTTP server on 127.0.0.1 that answers each request with what the test's handler returns and records
/// every request, so provider clients are exercised through a real HTTP stack.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, Reply> _handler;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();

    public LoopbackServer(Func<HttpListenerRequest, Reply> handler)
    {
        _handler = handler;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{BaseUrl}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Path and query of every request, with the headers that matter to the tests.</summary>
    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public void Dispose()
    {
        // Answers still waiting or streaming (a hanging or trickling server) end with the server.
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop; that is how it stops.
        }
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        Requests.Enqueue(new Recorded(request.Url!.PathAndQuery, request.Headers["auth-token"], request.Headers["Authorization"]));
        var reply = _handler(request);
        try
        {
            if (reply.Delay is { } delay)
            {
                await Task.Delay(delay, _stopping.Token);
            }
            var response = context.Response;
            response.StatusCode = reply.Status;
            if (reply.ContentType is { } type)
            {
                response.ContentType = type;
            }
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }
            if (reply.Write is { } write)
            {
                response.SendChunked = true;
                await write(response.OutputStream, _stopping.Token);
                response.Close();
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client gave up (a timeout test) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>One answer: status, body, content type, extra headers and an optional delay before answering. With
/// <paramref name="Write"/>, the body is whatever it writes, chunked (a trickle, an endless stream), instead of <paramref name="Body"/>.</summary>
public sealed record Reply(int Status, string Body, string? ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan? Delay = null, Func<Stream, CancellationToken, Task>? Write = null)
{
    public static Reply Json(string body) => new(200, body);

    public static Reply Html(int status) =>
        new(status, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>", "text/html");
}

/// <summary>A request as the server saw it.</summary>
public sealed record Recorded(string PathAndQuery, string? AuthToken, string? Authorization);

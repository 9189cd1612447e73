using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tern.FunctionHost;

/// <summary>moto's server on a free loopback port, as the local stand-in for DynamoDB when no endpoint is given. Signature
/// checking stays off, so any credentials pass. Disposing stops it.</summary>
public sealed class MotoProcess : IAsyncDisposable
{
    // moto_server, with its requests served one at a time: DynamoDB applies each write to an item atomically, but moto's
    // tables have no locks and its server is threaded, so two concurrent updates of one item (a join's marks) could lose one.
    private const string Server = """
        import sys, threading
        from werkzeug.serving import run_simple
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        app = DomainDispatcherApplication(create_backend_app)
        lock = threading.Lock()
        def serialised(environ, start_response):
            with lock:
                return list(app(environ, start_response))
        run_simple(sys.argv[1], int(sys.argv[2]), serialised, threaded=True, use_reloader=False)
        """;

    private readonly Process _process;

    private MotoProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <exception cref="FunctionBuildException">moto_server is not on PATH or did not answer within a minute.</exception>
    public static async Task<MotoProcess> StartAsync(CancellationToken ct)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        // The python3 beside moto_server is the one that has moto (pyenv's shims hold both; Debian's /usr/bin/python3 may not).
        var python = directories.Where(d => File.Exists(Path.Combine(d, "moto_server"))).Select(d => Path.Combine(d, "python3"))
            .FirstOrDefault(File.Exists);
        if (python is null)
        {
            throw new FunctionBuildException("moto_server is not on PATH; install moto (pip install 'moto[server]') or give --aws-endpoint-url.");
        }
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Server, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new FunctionBuildException("moto_server could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(moto.Endpoint, "/moto-api/"), ct).ConfigureAwait(false);
                return moto;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }
        await moto.DisposeAsync().ConfigureAwait(false);
        throw new FunctionBuildException($"moto_server did not answer on port {port} within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;

namespace Tern.Operator.Tests.Packaging;

/// <summary>Debian's prometheus on 127.0.0.1 with an empty TSDB in a temporary folder: a real PromQL parser and engine
/// behind the HTTP API. As a class fixture it scrapes nothing; <see cref="StartAsync"/> gives it a configuration with
/// scrape jobs. Killed (its whole process tree) and its folder removed at the end.</summary>
public sealed class LoopbackPrometheus : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tern-prometheus-").FullName;
    private Process? _process;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Runs an instant query; the status is 400 when the expression does not parse.</summary>
    public async Task<(HttpStatusCode Status, string Body)> QueryAsync(string expression)
    {
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("query", expression)]);
        using var response = await Http.PostAsync(new Uri(BaseUri, "api/v1/query"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => StartAsync("global: {}\n");

    /// <summary>Starts prometheus with <paramref name="configuration"/> (prometheus.yml) and waits until it is ready.</summary>
    public async Task StartAsync(string configuration)
    {
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, configuration);
        var port = Tools.FreeLoopbackPort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        string[] arguments =
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_directory, "data")}", "--storage.tsdb.retention.time=1h",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ];
        _process = Process.Start(Tools.StartInfo(Tools.Prometheus, arguments, _directory))!;
        var log = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(BaseUri, "-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"prometheus did not become ready on {BaseUri}: {(_process.HasExited ? await log : "still starting")}");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tern.Tests.Support.Aws;
using Xunit;

namespace Tern.Tests.Support;

/// <summary>Debian's victoria-metrics on 127.0.0.1 with a temporary data directory, once per test class: samples go in
/// through its Prometheus import API and come out through the real query_range. Killed and its directory removed at the end.</summary>
public sealed class LoopbackVictoriaMetrics : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tern-victoria-").FullName;
    private Process? _process;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Imports samples (metric with labels, value, time) and flushes them so the next query sees them.</summary>
    public async Task ImportAsync(IEnumerable<(string Series, double Value, DateTimeOffset Time)> samples)
    {
        var text = new StringBuilder();
        foreach (var (series, value, time) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{series} {value} {time.ToUnixTimeMilliseconds()}\n");
        }
        using var content = new StringContent(text.ToString());
        using var imported = await Http.PostAsync(new Uri(BaseUri, "api/v1/import/prometheus"), content);
        imported.EnsureSuccessStatusCode();
        using var flushed = await Http.GetAsync(new Uri(BaseUri, "internal/force_flush"));
        flushed.EnsureSuccessStatusCode();
    }

    public async Task InitializeAsync()
    {
        var binary = Tools.Find("victoria-metrics")
            ?? throw new InvalidOperationException("victoria-metrics is not installed; ./test.sh installs Debian's package.");
        var port = Tools.FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory,
        };
        // Samples from 2023 must survive the retention, and a cached answer must not hide samples imported after it.
        foreach (var argument in new[]
        {
            $"-httpListenAddr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", $"-storageDataPath={Path.Combine(_directory, "data")}",
            "-retentionPeriod=100y", "-search.disableCache", "-loggerLevel=ERROR",
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Tools.WaitUntilAsync(async () => (await Http.GetAsync(new Uri(BaseUri, "health"))).IsSuccessStatusCode, TimeSpan.FromSeconds(60),
            $"victoria-metrics on {BaseUri}");
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            Tools.Stop(_process);
        }
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

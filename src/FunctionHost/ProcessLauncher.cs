using System.Diagnostics;

namespace Tern.FunctionHost;

/// <summary>Runs a built .NET function (`dotnet &lt;assembly&gt;`) as a child process, its output passed to a callback.</summary>
/// <param name="Assembly">The function's built entry assembly (.dll).</param>
/// <param name="Output">Receives each line the process writes, prefixed by nothing; null discards them.</param>
public sealed record ProcessLauncher(string Assembly, Action<string>? Output = null) : IFunctionLauncher
{
    public Task<IAsyncDisposable> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet did not start {Assembly}.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult<IAsyncDisposable>(new Running(process));
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            Output?.Invoke(line);
        }
    }

    private sealed class Running(Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}

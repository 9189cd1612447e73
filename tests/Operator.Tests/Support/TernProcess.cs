using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tern.Operator.Tests.Support;

/// <summary>`tern` as a child process (the tern.dll built beside the tests), with an environment of the test's choosing:
/// the machine's AWS_* variables are removed so only what the test gives reaches the AWS SDK's credential chain.</summary>
internal sealed class TernProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private TernProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Standard output and error, line by line, as they came.</summary>
    public string Output => string.Join('\n', _lines);

    public static TernProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tern.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return new TernProcess(Process.Start(start)!);
    }

    /// <summary>Runs `tern` to its end (at most <paramref name="limit"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        TimeSpan limit)
    {
        using var tern = Start(arguments, environment);
        using var timeout = new CancellationTokenSource(limit);
        await tern._process.WaitForExitAsync(timeout.Token);
        // The asynchronous readers may still hold the last lines; the parameterless wait drains them.
        tern._process.WaitForExit();
        return (tern._process.ExitCode, tern.Output);
    }

    /// <summary>Waits until a line satisfies <paramref name="match"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"tern exited with {_process.ExitCode}:\n{Output}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no such line from tern within {limit.TotalSeconds} s:\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}

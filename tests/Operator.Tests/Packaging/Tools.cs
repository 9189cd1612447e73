using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The outside programs the packaging tests drive (helm, kubectl, promtool, prometheus, lua5.1, the
/// published tern) and how to run one with a deadline. ./test.sh installs each of them when missing.</summary>
internal static class Tools
{
    /// <summary>helm v4 from .tools/ (test.sh unpacks it there from npm), else from PATH.</summary>
    public static string Helm => Find("helm", RepoPaths.Of(".tools", "helm", "helm"));

    /// <summary>kubectl 1.35 from .tools/, else the one on PATH.</summary>
    public static string Kubectl => Find("kubectl", RepoPaths.Of(".tools", "kubectl", "kubectl"));

    public static string Promtool => Find("promtool");

    public static string Prometheus => Find("prometheus");

    public static string Lua51 => Find("lua5.1");

    public static string Find(string name, string? preferred = null)
    {
        if (preferred is not null && File.Exists(preferred))
        {
            return preferred;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException($"{name} is missing: ./test.sh installs it (see README, \"How it is tested\").");
    }

    /// <summary>Runs a program to its end, or kills it after <paramref name="timeout"/> and fails.</summary>
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? input = null)
    {
        using var process = new Process { StartInfo = StartInfo(file, arguments, workingDirectory, environment) };
        process.StartInfo.RedirectStandardInput = input is not null;
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in {timeout}: {await stderr}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>A port free on 127.0.0.1 right now, for a server the test starts there.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>What a program printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

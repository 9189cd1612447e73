using System.Diagnostics;
using Tern.Tests.Support;

namespace Tern.Sandbox.Tests.Support;

/// <summary>A real kubectl binary: Debian's 1.32 (/usr/bin/kubectl) or 1.35 from .tools/ (./test.sh installs both).
/// Each run has its own discovery and HTTP cache, so one test's server never answers from another's.</summary>
public sealed record Kubectl(string Version, string Path)
{
    public static Kubectl V132 { get; } = new("1.32", "/usr/bin/kubectl");

    public static Kubectl V135 { get; } = new("1.35", RepoPaths.Of(".tools", "kubectl", "kubectl"));

    /// <summary>Both, for a [Theory]: a behaviour kubectl depends on is checked against each version.</summary>
    public static TheoryData<string> Versions() => ["1.32", "1.35"];

    public static Kubectl Of(string version) => version == "1.32" ? V132 : V135;

    public override string ToString() => $"kubectl {Version}";

    public ProcessStartInfo StartInfo(string kubeconfig, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"kubectl {Version} is missing at {Path}: ./test.sh installs it (README, \"How it is tested\").");
        }
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(kubeconfig)!, "cache"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = System.IO.Path.GetDirectoryName(kubeconfig);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>Runs kubectl to its end (killed after <paramref name="timeout"/>, default one minute) with
    /// <paramref name="input"/> on stdin.</summary>
    public async Task<KubectlResult> RunAsync(string kubeconfig, IEnumerable<string> arguments, string? input = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        using var process = Process.Start(StartInfo(kubeconfig, list, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{this} {string.Join(' ', list)} did not finish: {await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What kubectl printed and how it ended.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

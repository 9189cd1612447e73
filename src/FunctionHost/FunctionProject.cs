using System.Diagnostics;

namespace Tern.FunctionHost;

/// <summary>Builds a .NET function project (`dotnet build`) into a directory and finds its entry assembly.</summary>
public static class FunctionProject
{
    /// <summary>Builds <paramref name="project"/> (a .csproj, or a directory holding exactly one) into
    /// <paramref name="output"/> and returns the path of its entry assembly.</summary>
    /// <exception cref="FunctionBuildException">There is no single project, the build failed (with the build's last lines), or it
    /// made no executable.</exception>
    public static async Task<string> BuildAsync(string project, string output, CancellationToken ct)
    {
        var file = Directory.Exists(project)
            ? Directory.GetFiles(project, "*.csproj") switch
            {
                [var one] => one,
                [] => throw new FunctionBuildException($"{project} holds no .csproj; give the function project's directory or file."),
                var many => throw new FunctionBuildException(
                    $"{project} holds {many.Length} projects ({string.Join(", ", many.Select(Path.GetFileName))}); give the one to run."),
            }
            : File.Exists(project) ? project : throw new FunctionBuildException($"{project} does not exist; give the function project's directory.");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", file, "-o", output, "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new FunctionBuildException("dotnet could not be started; is the .NET SDK installed?");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var log = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            var tail = string.Join('\n', log.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(20));
            throw new FunctionBuildException($"dotnet build {file} failed (exit {process.ExitCode}):\n{tail}");
        }
        // An executable project leaves <assembly>.runtimeconfig.json beside <assembly>.dll; the project's own has its name.
        var name = Path.GetFileNameWithoutExtension(file);
        var entries = Directory.GetFiles(output, "*.runtimeconfig.json").Select(f => f[..^".runtimeconfig.json".Length] + ".dll")
            .Where(File.Exists).ToList();
        return entries.FirstOrDefault(e => Path.GetFileNameWithoutExtension(e) == name) ?? entries switch
        {
            [var only] => only,
            _ => throw new FunctionBuildException($"{file} built no single executable; a function project needs <OutputType>Exe</OutputType>."),
        };
    }
}

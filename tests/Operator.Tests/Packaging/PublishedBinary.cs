using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>`dotnet publish src/Operator -c Release` into a temporary folder, once per test class: the files the
/// Dockerfile's runtime stage copies to /app. Publishing takes most of a minute on two cores.</summary>
public sealed class PublishedBinary : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tern-publish-").FullName;

    public string Tern => Path.Combine(Directory, "tern");

    /// <summary>Every file of the publish output with its size and write time, to see that running wrote nothing there.</summary>
    public IReadOnlyDictionary<string, (long Size, DateTime Written)> Snapshot() =>
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Directory, f), f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

    public async Task InitializeAsync()
    {
        // The test build has restored every project already; the Release publish reuses that restore.
        var result = await Tools.RunAsync("dotnet", ["publish", RepoPaths.Of("src", "Operator", "Tern.Operator.csproj"), "-c", "Release",
            "--no-restore", "-nologo", "-o", Directory], timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, $"dotnet publish failed: {result.Output}");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

namespace Tern.Tests.Support;

/// <summary>Paths in the repository, found from the test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tern.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Tern.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}

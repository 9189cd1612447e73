namespace Tern.Aws.Tests.Fixtures;

/// <summary>Files of the repository the tests read.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string IamPolicy => Path.Combine(Root, "config", "iam", "tern-policy.json");

    public static string SourceAws => Path.Combine(Root, "src", "Aws");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tern.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Tern.slnx above {AppContext.BaseDirectory}");
    }
}

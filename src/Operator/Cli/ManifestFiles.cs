using Tern.Entities.Regions;
using Tern.Manifests;

namespace Tern.Operator.Cli;

/// <summary>The one rule every verb uses to turn path arguments into manifest files: a file is itself, a directory
/// is every *.yaml and *.yml file under it (subdirectories included, in ordinal order), and a path that does not
/// exist is a usage error worded the same way whichever argument or option named it.</summary>
internal static class ManifestFiles
{
    /// <summary>The manifest files <paramref name="paths"/> name.</summary>
    /// <param name="what">What the paths should hold, for the message (for example "a ServerlessWorkflow manifest").</param>
    /// <exception cref="UsageException">A path does not exist.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, string what)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(RequireFile(path, null, $"{what}, or a directory of them"));
            }
        }
        return files;
    }

    /// <summary><paramref name="path"/> when it is a file.</summary>
    /// <param name="option">The option that named the path (for example --carbon), or null for a positional argument.</param>
    /// <param name="what">What the file should be, for the message.</param>
    /// <exception cref="UsageException">The path does not exist or is a directory.</exception>
    public static string RequireFile(string path, string? option, string what)
    {
        var named = option is null ? path : $"{option} {path}";
        if (Directory.Exists(path))
        {
            throw new UsageException($"{named}: is a directory; give {what}.");
        }
        return File.Exists(path) ? path : throw new UsageException($"{named}: no such file or directory; give {what}.");
    }

    /// <summary>Every <typeparamref name="T"/> (ServerlessWorkflow or CarbonSource) in the manifests <paramref name="path"/>
    /// names, in file and document order; other kinds beside them are skipped.</summary>
    /// <param name="what">What the path should hold, for the messages (for example "a ServerlessWorkflow manifest").</param>
    /// <exception cref="UsageException">The path does not exist.</exception>
    /// <exception cref="InputException">A manifest is invalid, or none holds a <typeparamref name="T"/>.</exception>
    public static IReadOnlyList<T> Read<T>(string path, string what) where T : class
    {
        var files = Expand([path], what);
        var validator = new ManifestValidator(RegionCatalogue.Bundled);
        var found = new List<T>();
        var kinds = new List<string>();
        foreach (var file in files)
        {
            var report = validator.ValidateFile(file);
            var problems = report.FileProblems.Concat(report.Documents.SelectMany(d => d.Problems)).ToList();
            if (problems.Count > 0)
            {
                throw new InputException($"{file} is not valid (`tern validate {file}` shows " +
                    $"where):\n" + string.Join("\n", problems.Select(p => $"  {p}")));
            }
            found.AddRange(report.Documents.Select(d => d.Resource).OfType<T>());
            kinds.AddRange(report.Documents.Select(d => $"{d.Kind} {d.Name}"));
        }
        if (found.Count > 0)
        {
            return found;
        }
        var held = kinds.Count == 0 ? "no manifests found (a directory is searched for *.yaml and *.yml files)" : $"it holds only " +
            $"{string.Join(", ", kinds)}";
        throw new InputException($"{path} holds no {typeof(T).Name}: {held}. Give {what}.");
    }
}

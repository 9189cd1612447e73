using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tern.Operator.Cli;

/// <summary>`tern new workflow NAME`: scaffolds a .NET workflow like the sample in examples/text-2-speech-dotnet (a
/// fan-out, a conditional call and a join on Tern's function library) with its manifest, ready for `tern dev`. Exit
/// codes: 0 written; 2 a flag is wrong or the directory is not empty.</summary>
internal static partial class NewCommand
{
    public const int ExitUsage = 2;

    private const string SampleName = "text-2-speech-dotnet";
    private const string SampleNamespace = "TextToSpeech";
    private const string SampleAssembly = "text-2-speech";
    private const string LibraryReference = "../../src/Functions/Tern.Functions.csproj";

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The workflow's name: lower-case letters, digits and '-', at most 40 characters." };
        var output = new Option<string?>("--output-dir") { Description = "The directory to create. Default: ./NAME." };
        var library = new Option<string?>("--functions-project")
        {
            Description = "Path of Tern's function library project (src/Functions/Tern.Functions.csproj). Default: found above the current " +
                          "directory or beside tern.",
        };
        var workflow = new Command("workflow", "Scaffold a .NET workflow (fan-out, conditional call, join) and its manifest.")
        {
            name, output, library,
        };
        workflow.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            try
            {
                var written = Scaffold(result.GetValue(name)!, result.GetValue(output), result.GetValue(library));
                var manifest = Path.Combine(written, "workflow.yaml");
                result.InvocationConfiguration.Output.WriteLine($"tern new: wrote {written} (a .NET project and {manifest}).");
                result.InvocationConfiguration.Output.WriteLine(
                    $"Run it locally: tern dev {manifest} --project {written} --payload '{{\"text\":\"hello\"}}' --once");
                return 0;
            }
            catch (UsageException e)
            {
                error.WriteLine($"tern new workflow: {e.Message}");
                return ExitUsage;
            }
        });
        return new Command("new", "Create a new Tern project from a template.") { workflow };
    }

    /// <summary>Writes the scaffold and returns its directory.</summary>
    /// <exception cref="UsageException">The name, directory or library path is unusable.</exception>
    public static string Scaffold(string name, string? output, string? library)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new UsageException($"'{name}' is not a workflow name: start with a letter, then lower-case letters, digits or '-', " +
                                     "at most 40 characters (the function copies' Lambda names add the function and the region).");
        }
        var directory = Path.GetFullPath(output ?? name);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UsageException($"{directory} exists and is not empty; give --output-dir a new directory.");
        }
        var libraryProject = library is not null ? Path.GetFullPath(library) : FindLibrary();
        if (libraryProject is null || !File.Exists(libraryProject))
        {
            throw new UsageException($"Tern's function library was not found{(library is null ? "" : $" at {library}")}; give " +
                                     "--functions-project with the path of src/Functions/Tern.Functions.csproj from a Tern checkout.");
        }
        var pascal = string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
        if (char.IsDigit(pascal[0]))
        {
            pascal = "Workflow" + pascal;
        }
        var reference = Path.GetRelativePath(directory, libraryProject).Replace('\\', '/');
        Directory.CreateDirectory(directory);
        Write(directory, "Program.cs", "Program.cs", t => t.Replace($"using {SampleNamespace};", $"using {pascal};", StringComparison.Ordinal));
        Write(directory, "Handlers.cs", "Handlers.cs",
            t => t.Replace($"namespace {SampleNamespace};", $"namespace {pascal};", StringComparison.Ordinal));
        Write(directory, "TextToSpeech.csproj", $"{pascal}.csproj", t => t
            .Replace($"<RootNamespace>{SampleNamespace}</RootNamespace>", $"<RootNamespace>{pascal}</RootNamespace>", StringComparison.Ordinal)
            .Replace($"<AssemblyName>{SampleAssembly}</AssemblyName>", $"<AssemblyName>{name}</AssemblyName>", StringComparison.Ordinal)
            .Replace(LibraryReference, reference, StringComparison.Ordinal));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, directory).Replace('\\', '/');
        Write(directory, "workflow.yaml", "workflow.yaml", t => t
            .Replace($"tern-examples/{SampleName}", name, StringComparison.Ordinal)
            .Replace($"examples/{SampleName}", relative, StringComparison.Ordinal)
            .Replace($"name: {SampleName}", $"name: {name}", StringComparison.Ordinal));
        return directory;
    }

    private static void Write(string directory, string template, string file, Func<string, string> adapt)
    {
        using var stream = typeof(NewCommand).Assembly.GetManifestResourceStream($"templates/workflow/{template}")
            ?? throw new InvalidOperationException($"The template {template} is not embedded in tern; the build is broken.");
        using var reader = new StreamReader(stream);
        File.WriteAllText(Path.Combine(directory, file), adapt(reader.ReadToEnd()));
    }

    /// <summary>src/Functions/Tern.Functions.csproj above the current directory or above tern itself (a checkout).</summary>
    private static string? FindLibrary()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Functions", "Tern.Functions.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

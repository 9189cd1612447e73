using System.CommandLine;
using Tern.Entities.Regions;
using Tern.Manifests;

namespace Tern.Operator.Cli;

/// <summary>`tern validate &lt;file|dir&gt;...`: checks manifests offline and prints every error with its line.</summary>
internal static class ValidateCommand
{
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files, or directories whose *.yaml and *.yml files are checked.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check ServerlessWorkflow and CarbonSource manifests without a cluster; exits 1 when any is invalid.")
        {
            paths,
        };
        command.SetAction(result => Run(result.GetValue(paths)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, TextWriter output, TextWriter error)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                error.WriteLine($"tern validate: {path} does not exist. Give a manifest file or a directory of them.");
                return ExitUsage;
            }
        }

        var validator = new ManifestValidator(RegionCatalogue.Bundled);
        var errors = 0;
        var documents = 0;
        foreach (var file in files)
        {
            var report = validator.ValidateFile(file);
            Print(report, output);
            errors += report.ErrorCount;
            documents += report.Documents.Count(d => d.Skipped is null);
        }
        output.WriteLine(errors == 0
            ? $"{documents} Tern object(s) in {files.Count} file(s): all valid."
            : $"{documents} Tern object(s) in {files.Count} file(s): {errors} error(s).");
        return errors == 0 ? 0 : ExitInvalid;
    }

    private static void Print(FileReport report, TextWriter output)
    {
        foreach (var problem in report.FileProblems)
        {
            output.WriteLine($"{Where(report.File, problem)}: error: {problem}");
        }
        foreach (var document in report.Documents)
        {
            foreach (var problem in document.Problems)
            {
                output.WriteLine($"{Where(report.File, problem)}: error: {problem}");
            }
            var what = $"{document.Kind ?? "object"} {document.Name ?? "(no name)"} (document {document.Number})";
            output.WriteLine(document.Skipped is not null ? $"{report.File}: {what}: skipped, {document.Skipped}."
                : document.Problems.Count == 0 ? $"{report.File}: {what}: valid."
                : $"{report.File}: {what}: {document.Problems.Count} error(s).");
        }
    }

    private static string Where(string file, ManifestProblem problem) =>
        problem.Position is { } position ? $"{file}:{position}" : file;
}

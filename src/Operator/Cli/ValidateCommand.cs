using System.CommandLine;
using Tern.Entities.Regions;
using Tern.Manifests;

namespace Tern.Operator.Cli;

/// <summary>`tern validate &lt;file|dir&gt;...`: checks manifests offline and prints every error with its line.</summary>
internal static class ValidateCommand
{
    public static readonly IReadOnlyList<ExitCodeMeaning> ExitCodes =
    [
        new(Cli.ExitCodes.Success, "every Tern object is valid"),
        new(Cli.ExitCodes.Failed, "an object is invalid, or the paths hold no manifest"),
        new(Cli.ExitCodes.Usage, "usage: no path given, a path that does not exist, an unknown option"),
    ];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files, or directories whose *.yaml and *.yml files (subdirectories included) are checked.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check ServerlessWorkflow and CarbonSource manifests without a cluster.")
        {
            paths,
        };
        command.SetAction(result => Run(result.GetValue(paths)!, result.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string[] paths, TextWriter output)
    {
        var files = ManifestFiles.Expand(paths, "a manifest file");
        if (files.Count == 0)
        {
            throw new InputException($"no manifests found in {string.Join(", ", paths)}: a directory is checked for *.yaml and *.yml files.");
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
        return errors == 0 ? Cli.ExitCodes.Success : Cli.ExitCodes.Failed;
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

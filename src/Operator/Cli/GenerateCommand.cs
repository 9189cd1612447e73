using System.CommandLine;
using Tern.Manifests.Crds;

namespace Tern.Operator.Cli;

/// <summary>`tern generate crds`: writes config/crds from the C# types of the resources.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        // --output names a format in every other verb; a directory is --output-dir, as in `tern backtest`.
        var output = new Option<DirectoryInfo>("--output-dir")
        {
            Description = "Directory to write the CRD files to.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("config", "crds")),
        };
        var crds = new Command("crds", "Write the CustomResourceDefinitions of ServerlessWorkflow and CarbonSource as YAML.") { output };
        crds.SetAction(result =>
        {
            var directory = result.GetValue(output)!;
            directory.Create();
            foreach (var (fileName, yaml) in CrdCatalog.Render())
            {
                var path = Path.Combine(directory.FullName, fileName);
                File.WriteAllText(path, yaml);
                result.InvocationConfiguration.Output.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
            }
            return 0;
        });
        return new Command("generate", "Generate files from Tern's types.") { crds };
    }
}

using System.Text.Json;
using Tern.Entities.Serialization;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Tests.Support;

/// <summary>The ServerlessWorkflows of examples/, and small workflows built in code.</summary>
public static class ExampleWorkflows
{
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(RepoPaths.Of("examples"), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => File.ReadAllText(f).Contains("kind: ServerlessWorkflow", StringComparison.Ordinal));

    public static ServerlessWorkflow Load(string name) => LoadFile(RepoPaths.Of("examples", name + ".yaml"));

    public static ServerlessWorkflow LoadFile(string path) =>
        YamlJson.ReadSingle(File.ReadAllText(path)).Deserialize<ServerlessWorkflow>(TernJson.Options)!;

    /// <summary>A workflow of the given functions, homed in us-east-1, entered at the first function.</summary>
    public static ServerlessWorkflow Of(IReadOnlyList<FunctionSpec> functions, IReadOnlyList<string>? regions = null,
        string home = "us-east-1") => new()
    {
        Metadata = new() { Name = "test" },
        Spec = new ServerlessWorkflowSpec
        {
            HomeRegion = home,
            Regions = regions ?? [home],
            Entrypoint = functions[0].Name,
            Functions = functions,
        },
    };

    public static FunctionSpec Function(string name, params string[] calls) => new()
    {
        Name = name,
        MemoryMiB = 512,
        Calls = [.. calls.Select(c => new CallSpec { Function = c })],
        Profile = new FunctionProfile { RuntimeMilliseconds = 200, OutputBytes = 1000 },
    };
}

using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Manifests.Tests.Crds;

/// <summary>The committed CRDs in config/crds, read as JSON.</summary>
internal static class CrdFiles
{
    public static IReadOnlyList<string> Names { get; } = ["tern.dev_serverlessworkflows.yaml", "tern.dev_carbonsources.yaml"];

    public static JsonObject Read(string fileName) => YamlJson.ReadSingle(File.ReadAllText(RepoPaths.Of("config", "crds", fileName)));

    public static JsonObject Schema(JsonObject crd) => crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    public static JsonObject Workflow => Read(Names[0]);

    public static JsonObject CarbonSource => Read(Names[1]);
}

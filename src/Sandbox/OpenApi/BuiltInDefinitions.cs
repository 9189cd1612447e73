using System.Text.Json.Nodes;

namespace Tern.Sandbox.OpenApi;

/// <summary>The OpenAPI definitions of the built-in kinds the sandbox serves, and of the metadata types they use,
/// copied unchanged from the Kubernetes release-1.36 OpenAPI document (Apache-2.0) into BuiltInDefinitions.json.</summary>
internal static class BuiltInDefinitions
{
    private static readonly Lazy<JsonObject> Definitions = new(() =>
    {
        using var stream = typeof(BuiltInDefinitions).Assembly.GetManifestResourceStream("Tern.Sandbox.OpenApi.BuiltInDefinitions.json")!;
        return (JsonObject)JsonNode.Parse(stream)!;
    });

    public static JsonObject All => Definitions.Value;

    public static JsonObject? Find(string name) => Definitions.Value[name] as JsonObject;
}

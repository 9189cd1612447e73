using System.Text.Json.Nodes;

namespace Tern.Manifests.Tests.Crds;

/// <summary>Visits every node of an OpenAPI schema with its path.</summary>
internal static class SchemaWalk
{
    public sealed record Node(string Path, JsonObject Schema, bool IsProperty, JsonObject? Parent);

    public static IEnumerable<Node> Nodes(JsonObject schema, string path, bool isProperty = true, JsonObject? parent = null)
    {
        yield return new Node(path, schema, isProperty, parent);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                foreach (var node in Nodes(child!.AsObject(), $"{path}.{name}", true, schema))
                {
                    yield return node;
                }
            }
        }
        if (schema["items"] is JsonObject items)
        {
            foreach (var node in Nodes(items, $"{path}[]", false, schema))
            {
                yield return node;
            }
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var node in Nodes(additional, $"{path}{{}}", false, schema))
            {
                yield return node;
            }
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Tern.Entities.Serialization;

namespace Tern.Operator.Tests.Support;

/// <summary>Writes objects the operator cannot decode, as a client that bypasses validation would: raw JSON through the
/// API, never through Tern's typed client (which would refuse to read the answer).</summary>
internal static class RawObjects
{
    /// <summary>The workflow's JSON with <paramref name="path"/> (slash-separated) set to <paramref name="value"/>.</summary>
    public static JsonElement With<T>(T entity, string path, JsonNode value)
    {
        var node = JsonSerializer.SerializeToNode(entity, TernJson.Options)!;
        var parts = path.Trim('/').Split('/');
        var parent = parts.SkipLast(1)
            .Aggregate(node, (current, part) => int.TryParse(part, out var i) ? current[i]! : current[part] ??= new JsonObject());
        parent[parts[^1]] = value;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Sets one field of a workflow with a JSON patch, whatever its type.</summary>
    public static Task SetWorkflowFieldAsync(IKubernetes client, string name, string path, JsonNode value) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value }).ToJsonString(),
                k8s.Models.V1Patch.PatchType.JsonPatch),
            "tern.dev", "v1alpha1", "default", "serverlessworkflows", name);
}

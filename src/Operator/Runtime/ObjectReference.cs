using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Tern.Operator.Runtime;

/// <summary>Which object an event is about: enough to point at it even when its body cannot be decoded.</summary>
internal sealed record ObjectReference(string ApiVersion, string Kind, string? Namespace, string Name, string? Uid, string? ResourceVersion)
{
    public ResourceKey Key => new(Namespace, Name);

    public static ObjectReference Of(IKubernetesObject<V1ObjectMeta> subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new(subject.ApiVersion, subject.Kind, subject.Metadata.NamespaceProperty, subject.Metadata.Name, subject.Metadata.Uid,
            subject.Metadata.ResourceVersion);
    }

    /// <summary>The reference read from an object's raw JSON, whatever else in it is malformed.</summary>
    public static ObjectReference Of(JsonNode node, string kind)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node["metadata"];
        return new(Text(node["apiVersion"]) ?? "", Text(node["kind"]) ?? kind, Text(metadata?["namespace"]), Text(metadata?["name"]) ?? "",
            Text(metadata?["uid"]), Text(metadata?["resourceVersion"]));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

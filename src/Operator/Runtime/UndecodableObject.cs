using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tern.Operator.Runtime;

/// <summary>An object the API server holds but the operator cannot decode (a field of the wrong type, which a
/// real API server rejects but an object stored before its CRD's schema tightened, or written around it, can
/// carry). The operator skips it, says why in a Warning event, and reconciles it again once it is fixed.</summary>
internal sealed record UndecodableObject(ObjectReference Reference, string Problem)
{
    public static UndecodableObject From(JsonNode node, string kind, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reference = ObjectReference.Of(node, kind);
        var field = FieldOf(error.Path);
        var problem = field is null
            ? $"Tern cannot read this {kind}: a field has a value of the wrong type"
            : $"Tern cannot read this {kind}: {field} has a value of the wrong type{Shown(node, field)}";
        return new(reference, $"{problem}. It is skipped until it is fixed (kubectl edit {kind.ToLowerInvariant()} {reference.Name}" +
            $"{(reference.Namespace is null ? "" : $" -n {reference.Namespace}")}); other objects are not affected.");
    }

    // System.Text.Json reports "$.spec.functions[0].memoryMiB"; users know the field as spec.functions[0].memoryMiB.
    private static string? FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');

    private static string Shown(JsonNode node, string field)
    {
        JsonNode? value = node;
        foreach (var part in field.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            value = part.StartsWith('[') && int.TryParse(part.Trim('[', ']'), out var index)
                ? value is JsonArray array && index < array.Count ? array[index] : null
                : value is JsonObject obj ? obj[part.Trim('[', ']', '\'')] : null;
        }
        var text = value?.ToJsonString();
        return text is null || text.Length > 60 ? "" : $" ({text})";
    }
}

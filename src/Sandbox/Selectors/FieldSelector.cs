using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Selectors;

/// <summary>A field selector (<c>f=v</c>, <c>f==v</c>, <c>f!=v</c>, comma-separated) over the fields a real server
/// lets a kind be selected by: metadata.name and metadata.namespace for every kind, and for Events the fields
/// `kubectl describe` and `kubectl events` use. Another field is a 400, as on a real server.</summary>
internal sealed class FieldSelector
{
    private static readonly string[] CoreEventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
    ];

    private static readonly string[] EventsFields =
    [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion", "regarding.resourceVersion",
        "regarding.fieldPath", "reason", "reportingController", "type",
    ];

    private readonly List<(string Field, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string Field, string Value, bool Equal)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text, ResourceKind kind)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (field, value, equal) = term.Contains("!=", StringComparison.Ordinal) ? Split(term, "!=", false)
                : term.Contains("==", StringComparison.Ordinal) ? Split(term, "==", true) : Split(term, "=", true);
            if (!Supported(kind).Contains(field))
            {
                throw new StatusException(400, "BadRequest", $"field label not supported: {field}");
            }
            terms.Add((field, value, equal));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject value) => _terms.All(t => (Lookup(value, t.Field) == t.Value) == t.Equal);

    private static (string, string, bool) Split(string term, string op, bool equal)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new StatusException(400, "BadRequest", $"invalid field selector: '{term}': expected field=value or field!=value");
        }
        return (term[..at].Trim(), term[(at + op.Length)..].Trim(), equal);
    }

    private static HashSet<string> Supported(ResourceKind kind)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal) { "metadata.name", "metadata.namespace" };
        if (kind.Kind == "Event")
        {
            fields.UnionWith(kind.Group.Length == 0 ? CoreEventFields : EventsFields);
        }
        if (kind.Kind == "Secret")
        {
            fields.Add("type");
        }
        return fields;
    }

    private static string Lookup(JsonObject value, string field)
    {
        JsonNode? node = value;
        if (field == "source")
        {
            node = value["source"]?["component"] ?? value["reportingComponent"];
        }
        else
        {
            foreach (var part in field.Split('.'))
            {
                node = node?[part];
            }
        }
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
    }
}

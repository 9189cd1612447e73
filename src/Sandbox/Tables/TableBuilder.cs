using System.Globalization;
using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Tables;

/// <summary>meta.k8s.io/v1 Table responses (what `kubectl get` asks for): a Name column, then the kind's printer
/// columns, one row per object with the object's metadata (or the whole object, or nothing) beside the cells.</summary>
internal static class TableBuilder
{
    public static JsonObject Build(ResourceKind kind, IEnumerable<JsonObject> objects, string resourceVersion, string includeObject,
        DateTimeOffset now,
        bool withColumns = true) => new()
    {
        ["kind"] = "Table",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
        ["columnDefinitions"] = withColumns ? Columns(kind) : new JsonArray(),
        ["rows"] = new JsonArray([.. objects.Select(o => (JsonNode)Row(kind, o, includeObject, now))]),
    };

    private static JsonArray Columns(ResourceKind kind)
    {
        var columns = new JsonArray(new JsonObject
        {
            ["name"] = "Name",
            ["type"] = "string",
            ["format"] = "name",
            ["description"] = "Name must be unique within a namespace.",
            ["priority"] = 0,
        });
        foreach (var column in kind.Columns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }
        return columns;
    }

    private static JsonObject Row(ResourceKind kind, JsonObject value, string includeObject, DateTimeOffset now)
    {
        var cells = new JsonArray(JsonValue.Create(value["metadata"]?["name"]?.GetValue<string>() ?? ""));
        foreach (var column in kind.Columns)
        {
            var cell = SimpleJsonPath.Cell(value, column.JsonPath, column.Type);
            // Dates are shown as ages, computed by the server as a real one does.
            if (column.Type == "date" && cell is JsonValue text && DateTimeOffset.TryParse(text.GetValue<string>(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var when))
            {
                cell = JsonValue.Create(Age.Of(now - when));
            }
            cells.Add(cell);
        }
        var row = new JsonObject { ["cells"] = cells };
        row["object"] = includeObject switch
        {
            "None" => null,
            "Object" => value.DeepClone(),
            _ => new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = value["metadata"]?.DeepClone(),
            },
        };
        return row;
    }
}

using System.Text.Json.Nodes;

namespace Tern.Sandbox.Apply;

/// <summary>One entry of metadata.managedFields: who (manager), how (Apply or Update), through which
/// subresource, and the fields it owns.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string Subresource, string ApiVersion, string Time,
    HashSet<string> Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public bool Is(string manager, string operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public static List<ManagedFieldsEntry> Read(JsonObject value) =>
    [
        .. (value["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
            e["manager"]?.GetValue<string>() ?? "", e["operation"]?.GetValue<string>() ?? Update, e["subresource"]?.GetValue<string>() ?? "",
            e["apiVersion"]?.GetValue<string>() ?? "", e["time"]?.GetValue<string>() ?? "", FieldPaths.FromFieldsV1(e["fieldsV1"] as JsonObject))),
    ];

    public static void Write(JsonObject value, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldPaths.ToFieldsV1(entry.Fields),
            };
            if (entry.Subresource.Length > 0)
            {
                item["subresource"] = entry.Subresource;
            }
            list.Add(item);
        }
        value["metadata"]!["managedFields"] = list;
    }
}

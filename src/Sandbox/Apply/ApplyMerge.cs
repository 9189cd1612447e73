using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Apply;

/// <summary>Merges an applied configuration into an object the way server-side apply does: maps field by field,
/// list-maps item by item on their keys (the object's other items stay), sets by union, and everything else
/// (scalars, atomic lists and maps) replaced by the applied value.</summary>
internal static class ApplyMerge
{
    public static JsonObject Merge(JsonObject target, JsonObject applied, SchemaCursor schema)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (field, value) in applied)
        {
            result[field] = MergeValue(result[field], value, schema.Field(field));
        }
        return result;
    }

    private static JsonNode? MergeValue(JsonNode? target, JsonNode? value, SchemaCursor schema) => value switch
    {
        JsonObject map when target is JsonObject existing && !schema.IsAtomicMap => Merge(existing, map, schema),
        JsonArray list when target is JsonArray existing && schema.MergeKeys is { Count: > 0 } keys => MergeListMap(existing, list, keys,
            schema.Items),
        JsonArray list when target is JsonArray existing && schema.IsSet =>
            new JsonArray([.. existing.Select(i => i?.DeepClone()), .. list.Where(i => !existing.Any(e => JsonNode.DeepEquals(e,
                i))).Select(i => i?.DeepClone())]),
        _ => value?.DeepClone(),
    };

    private static JsonArray MergeListMap(JsonArray existing, JsonArray applied, IReadOnlyList<string> keys, SchemaCursor items)
    {
        var result = (JsonArray)existing.DeepClone();
        foreach (var item in applied.OfType<JsonObject>())
        {
            var index = result.Select((candidate, i) => (candidate, i))
                .FirstOrDefault(c => c.candidate is JsonObject o && keys.All(k => JsonNode.DeepEquals(o[k], item[k])), (null, -1)).i;
            if (index >= 0)
            {
                result[index] = Merge((JsonObject)result[index]!, item, items);
            }
            else
            {
                result.Add(item.DeepClone());
            }
        }
        return result;
    }
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Patching;

/// <summary>Strategic merge patch: a JSON merge patch in which lists with a merge key (a CRD's
/// x-kubernetes-list-map-keys, a built-in kind's patch merge key) merge item by item, set lists take the union,
/// and the directives kubectl sends are obeyed: <c>$patch</c> (replace, delete, merge), <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/…</c> and <c>$setElementOrder/…</c>.</summary>
internal static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    public static JsonObject Apply(JsonObject target, JsonObject patch, SchemaCursor schema) =>
        MergeMap(target, patch, schema) ?? [];

    private static JsonObject? MergeMap(JsonObject? target, JsonObject patch, SchemaCursor schema)
    {
        switch (patch[Directive]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                var replacement = (JsonObject)patch.DeepClone();
                replacement.Remove(Directive);
                return replacement;
        }
        var result = target is null ? [] : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key == Directive || key == RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray removed)
                {
                    result[field] = new JsonArray([.. list.Where(i => !removed.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone())]);
                }
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            var fieldSchema = schema.Field(key);
            var merged = MergeValue(result[key], value, fieldSchema);
            if (merged is null && value is JsonObject)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = merged;
            }
        }
        if (patch[RetainKeys] is JsonArray retained)
        {
            var keep = retained.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }
        return result;
    }

    private static JsonNode? MergeValue(JsonNode? target, JsonNode value, SchemaCursor schema) => value switch
    {
        JsonObject map when !schema.IsAtomicMap => MergeMap(target as JsonObject, map, schema),
        JsonArray list => MergeList(target as JsonArray, list, schema),
        _ => value.DeepClone(),
    };

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, SchemaCursor schema)
    {
        if (patch.OfType<JsonObject>().Any(i => i[Directive]?.GetValue<string>() == "replace"))
        {
            return new JsonArray([.. patch.Where(i => i is not JsonObject o || o[Directive] is null).Select(i => i?.DeepClone())]);
        }
        var keys = schema.MergeKeys;
        if (keys.Count > 0)
        {
            var result = target is null ? [] : (JsonArray)target.DeepClone();
            foreach (var item in patch.OfType<JsonObject>())
            {
                var index = IndexOf(result, item, keys);
                if (item[Directive]?.GetValue<string>() == "delete")
                {
                    if (index >= 0)
                    {
                        result.RemoveAt(index);
                    }
                    continue;
                }
                if (index >= 0)
                {
                    result[index] = MergeMap(result[index] as JsonObject, item, schema.Items);
                }
                else
                {
                    result.Add(MergeMap(null, item, schema.Items));
                }
            }
            return result;
        }
        if (schema.IsSet && target is not null)
        {
            var union = (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
            {
                union.Add(item?.DeepClone());
            }
            return union;
        }
        return (JsonArray)patch.DeepClone();
    }

    private static int IndexOf(JsonArray list, JsonObject item, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject candidate && keys.All(k => JsonNode.DeepEquals(candidate[k], item[k])))
            {
                return i;
            }
        }
        return -1;
    }
}

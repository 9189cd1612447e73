using System.Text;
using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Apply;

/// <summary>Fields of an object as server-side apply counts them: a set of paths to leaves (a scalar, an atomic
/// list, an empty map), to list-map items (<c>k:{"name":"a"}</c>, with "." for the item itself) and to set
/// values (<c>v:"x"</c>). A path is its elements joined by <see cref="Separator"/>; fieldsV1 is the same set as a tree.</summary>
internal static class FieldPaths
{
    public const char Separator = '\u001f';
    private const string Self = ".";

    /// <summary>The fields of <paramref name="value"/> a manager can own: with <paramref name="statusOnly"/> the
    /// status alone, otherwise all but status (when it is a subresource) and the metadata the server sets.</summary>
    public static HashSet<string> Of(JsonObject value, ResourceKind kind, bool statusOnly)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var schema = SchemaCursor.For(kind);
        foreach (var (field, child) in value)
        {
            var owned = statusOnly ? field == "status" : field is not ("apiVersion" or "kind") && !(field == "status" && kind.HasStatus);
            if (!owned)
            {
                continue;
            }
            if (field == "metadata")
            {
                var metadata = schema.Field("metadata");
                foreach (var (metaField, metaValue) in child as JsonObject ?? [])
                {
                    if (metaField is "labels" or "annotations" or "finalizers" or "ownerReferences")
                    {
                        Collect(metaValue, metadata.Field(metaField), $"f:metadata{Separator}f:{metaField}", paths);
                    }
                }
                continue;
            }
            Collect(child, schema.Field(field), "f:" + field, paths);
        }
        return paths;
    }

    /// <summary>The value at <paramref name="path"/>, or null with <c>found</c> false when it is not there.</summary>
    public static JsonNode? ValueAt(JsonNode? root, string path, out bool found)
    {
        var node = root;
        foreach (var element in path.Length == 0 ? [] : path.Split(Separator))
        {
            switch (element == Self ? Self : element[..2])
            {
                case "f:" when node is JsonObject map && map.ContainsKey(element[2..]):
                    node = map[element[2..]];
                    break;
                case "k:" when node is JsonArray list && JsonNode.Parse(element[2..]) is JsonObject key:
                    node = list.OfType<JsonObject>().FirstOrDefault(i => key.All(k => JsonNode.DeepEquals(i[k.Key], k.Value)));
                    if (node is null)
                    {
                        found = false;
                        return null;
                    }
                    break;
                case "v:" when node is JsonArray set:
                    var wanted = JsonNode.Parse(element[2..]);
                    node = set.FirstOrDefault(i => JsonNode.DeepEquals(i, wanted));
                    if (!set.Any(i => JsonNode.DeepEquals(i, wanted)))
                    {
                        found = false;
                        return null;
                    }
                    break;
                case Self:
                    break;
                default:
                    found = false;
                    return null;
            }
        }
        found = true;
        return node;
    }

    /// <summary>Removes the field, list item or set value at <paramref name="path"/>, when it is there.</summary>
    public static void Remove(JsonNode root, string path)
    {
        var elements = path.Split(Separator).Where(e => e != Self).ToArray();
        var parent = ValueAt(root, string.Join(Separator, elements[..^1]), out var found);
        if (!found || elements.Length == 0)
        {
            return;
        }
        var last = elements[^1];
        switch (parent)
        {
            case JsonObject map when last.StartsWith("f:", StringComparison.Ordinal):
                map.Remove(last[2..]);
                break;
            case JsonArray list when last.StartsWith("k:", StringComparison.Ordinal) || last.StartsWith("v:", StringComparison.Ordinal):
                var item = ValueAt(list, last, out var present);
                if (present)
                {
                    list.Remove(item);
                }
                break;
        }
    }

    /// <summary>A path as kubectl prints a conflicting field: .spec.functions[name="a"].image.</summary>
    public static string Display(string path)
    {
        var text = new StringBuilder();
        foreach (var element in path.Split(Separator).Where(e => e != Self))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
            {
                text.Append('[').AppendJoin(',', key.Select(k => $"{k.Key}={k.Value?.ToJsonString()}")).Append(']');
            }
            else
            {
                text.Append("[=").Append(element[2..]).Append(']');
            }
        }
        return text.ToString();
    }

    /// <summary>The set as a fieldsV1 tree.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child)
                {
                    child = [];
                    node[element] = child;
                }
                node = child;
            }
        }
        return root;
    }

    /// <summary>A fieldsV1 tree as a set: its leaves and its "." entries.</summary>
    public static HashSet<string> FromFieldsV1(JsonObject? tree)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (element, child) in node)
            {
                var path = prefix.Length == 0 ? element : prefix + Separator + element;
                if (child is JsonObject { Count: > 0 } inner)
                {
                    Walk(inner, path);
                }
                else
                {
                    paths.Add(path);
                }
            }
        }
        if (tree is not null)
        {
            Walk(tree, "");
        }
        return paths;
    }

    private static void Collect(JsonNode? value, SchemaCursor schema, string path, HashSet<string> paths)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map when !schema.IsAtomicMap:
                foreach (var (field, child) in map)
                {
                    Collect(child, schema.Field(field), path + Separator + "f:" + field, paths);
                }
                break;
            case JsonArray list when schema.MergeKeys is { Count: > 0 } keys:
                foreach (var item in list.OfType<JsonObject>())
                {
                    var key = new JsonObject(keys.Select(k => KeyValuePair.Create(k, item[k]?.DeepClone())));
                    var itemPath = path + Separator + "k:" + key.ToJsonString();
                    paths.Add(itemPath + Separator + Self);
                    Collect(item, schema.Items, itemPath, paths);
                }
                break;
            case JsonArray set when schema.IsSet:
                foreach (var item in set)
                {
                    paths.Add(path + Separator + "v:" + (item?.ToJsonString() ?? "null"));
                }
                break;
            default:
                paths.Add(path);
                break;
        }
    }
}

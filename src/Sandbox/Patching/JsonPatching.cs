using System.Text.Json.Nodes;

namespace Tern.Sandbox.Patching;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902: add, remove, replace, move, copy, test).</summary>
internal static class JsonPatching
{
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject is { } existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Merge(result[key], value);
            }
        }
        return result;
    }

    /// <summary>Applies the operations; throws <see cref="PatchTestFailedException"/> when a test fails and
    /// <see cref="ArgumentException"/> for a malformed patch.</summary>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw new ArgumentException("a patch operation has no op");
            var path = operation["path"]?.GetValue<string>() ?? throw new ArgumentException("a patch operation has no path");
            var value = operation["value"];
            var (parent, last) = Locate(root, path);
            switch (op)
            {
                case "test":
                    var actual = Get(parent, last);
                    if (!JsonNode.DeepEquals(actual, value))
                    {
                        throw new PatchTestFailedException(
                            $"test of {path} failed: expected {value?.ToJsonString()}, found {actual?.ToJsonString()}");
                    }
                    break;
                case "remove":
                    Remove(parent, last, path);
                    break;
                case "add":
                    Add(parent, last, value?.DeepClone(), insert: true);
                    break;
                case "replace":
                    Remove(parent, last, path);
                    Add(parent, last, value?.DeepClone(), insert: true);
                    break;
                case "move" or "copy":
                    var from = operation["from"]?.GetValue<string>() ?? throw new ArgumentException($"a {op} operation has no from");
                    var (sourceParent, sourceLast) = Locate(root, from);
                    var moved = Get(sourceParent, sourceLast)?.DeepClone() ?? throw new ArgumentException($"path {from} does not exist");
                    if (op == "move")
                    {
                        Remove(sourceParent, sourceLast, from);
                        (parent, last) = Locate(root, path);
                    }
                    Add(parent, last, moved, insert: true);
                    break;
                default:
                    throw new ArgumentException($"patch operation '{op}' is not supported");
            }
        }
        return root;
    }

    private static (JsonNode Parent, string Last) Locate(JsonNode root, string path)
    {
        var segments = path.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~",
            StringComparison.Ordinal)).ToList();
        var node = root;
        foreach (var segment in segments.SkipLast(1))
        {
            node = node switch
            {
                JsonObject o => o[segment] ?? throw new ArgumentException($"path {path} does not exist"),
                JsonArray a when int.TryParse(segment,
                    out var i) && i < a.Count => a[i] ?? throw new ArgumentException($"path {path} does not exist"),
                _ => throw new ArgumentException($"path {path} does not exist"),
            };
        }
        return (node, segments[^1]);
    }

    private static JsonNode? Get(JsonNode parent, string last) => parent switch
    {
        JsonObject o => o[last],
        JsonArray a when int.TryParse(last, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static void Remove(JsonNode parent, string last, string path)
    {
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new ArgumentException($"path {path} does not exist");
        }
    }

    private static void Add(JsonNode parent, string last, JsonNode? value, bool insert)
    {
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count && insert:
                a.Insert(i, value);
                break;
            default:
                throw new ArgumentException($"cannot add at {last}");
        }
    }
}

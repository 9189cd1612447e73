using System.Globalization;
using System.Text.Json.Nodes;

namespace Tern.Sandbox.Storage;

/// <summary>The optional data directory: one JSON file per object (objects/{resource}/{namespace}/{name}.json,
/// "_cluster" for cluster-scoped ones) and the resourceVersion counter, each written to a temporary file and
/// renamed over the old one, so a process killed at any moment leaves either the old or the new file.</summary>
internal sealed class ObjectPersistence(string directory)
{
    private const string ClusterScope = "_cluster";
    private readonly string _objects = Path.Combine(directory, "objects");
    private readonly string _counter = Path.Combine(directory, "resourceVersion");

    public void Save(ObjectKey key, JsonObject value) => WriteAtomically(PathOf(key), value.ToJsonString());

    public void Delete(ObjectKey key) => File.Delete(PathOf(key));

    public void SaveResourceVersion(long resourceVersion) =>
        WriteAtomically(_counter, resourceVersion.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every stored object, and the resourceVersion to continue from: never below any object's.</summary>
    public (IReadOnlyList<(ObjectKey Key, JsonObject Value)> Objects, long ResourceVersion) Load()
    {
        var objects = new List<(ObjectKey, JsonObject)>();
        var resourceVersion = File.Exists(_counter) ? long.Parse(File.ReadAllText(_counter).Trim(), CultureInfo.InvariantCulture) : 1;
        if (!Directory.Exists(_objects))
        {
            return (objects, resourceVersion);
        }
        foreach (var file in Directory.EnumerateFiles(_objects, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(_objects, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length != 3 || JsonNode.Parse(File.ReadAllText(file)) is not JsonObject value)
            {
                continue;
            }
            var ns = relative[1] == ClusterScope ? "" : relative[1];
            objects.Add((new ObjectKey(relative[0], ns, Path.GetFileNameWithoutExtension(relative[2])), value));
            var stored = long.Parse(value["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture);
            resourceVersion = Math.Max(resourceVersion, stored);
        }
        return (objects, resourceVersion);
    }

    private string PathOf(ObjectKey key) =>
        Path.Combine(_objects, key.Resource, key.Namespace.Length == 0 ? ClusterScope : key.Namespace, key.Name + ".json");

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}

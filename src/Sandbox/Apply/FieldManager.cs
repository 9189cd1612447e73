using System.Globalization;
using System.Text.Json.Nodes;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Apply;

/// <summary>Keeps metadata.managedFields as a real API server does. An update (create, replace, patch) gives its
/// manager the fields it set or changed and takes them from every other manager. An apply (server-side apply)
/// merges the applied configuration into the object, drops the fields the manager applied before and no longer
/// applies (unless another manager owns them), and fails with 409 on a field another manager owns with a different
/// value, unless forced, which moves the field to the applier.</summary>
internal sealed class FieldManager(TimeProvider clock)
{
    /// <summary>Records an update by <paramref name="manager"/> from <paramref name="before"/> (null: a create) to
    /// <paramref name="after"/>.</summary>
    public void RecordUpdate(ResourceKind kind, JsonObject? before, JsonObject after, string manager, bool statusOnly)
    {
        var entries = before is null ? [] : ManagedFieldsEntry.Read(before);
        var requested = after["metadata"]?["managedFields"];
        // A request that rewrites managedFields itself (as kubectl does when it moves client-side apply to
        // server-side apply) is taken as it is.
        if (requested is JsonArray && !JsonNode.DeepEquals(requested, before?["metadata"]?["managedFields"]))
        {
            return;
        }
        var newFields = FieldPaths.Of(after, kind, statusOnly);
        var oldFields = before is null ? [] : FieldPaths.Of(before, kind, statusOnly);
        var changed = newFields.Where(p => !oldFields.Contains(p) || !SameValue(before, after, p)).ToHashSet(StringComparer.Ordinal);
        var removed = oldFields.Where(p => !newFields.Contains(p)).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && removed.Count == 0 && before is not null)
        {
            ManagedFieldsEntry.Write(after, entries);
            return;
        }
        var subresource = statusOnly ? "status" : "";
        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(removed);
        }
        var mine = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.Update, subresource));
        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, subresource, kind.ApiVersion, Now(), []);
            entries.Add(mine);
        }
        mine.Fields.UnionWith(changed);
        entries[entries.IndexOf(mine)] = mine with { Time = Now(), ApiVersion = kind.ApiVersion };
        ManagedFieldsEntry.Write(after, entries);
    }

    /// <summary>The object after <paramref name="manager"/> applies <paramref name="applied"/> to <paramref name="current"/>
    /// (null: create).</summary>
    public JsonObject Apply(ResourceKind kind, JsonObject? current, JsonObject applied, string manager, bool force, bool statusOnly)
    {
        var subresource = statusOnly ? "status" : "";
        var entries = current is null ? [] : ManagedFieldsEntry.Read(current);
        var appliedFields = FieldPaths.Of(applied, kind, statusOnly);
        var conflicts = new List<(string Manager, string ApiVersion, string Path)>();
        foreach (var other in entries.Where(e => !e.Is(manager, ManagedFieldsEntry.Apply, subresource) && e.Subresource == subresource))
        {
            foreach (var path in other.Fields.Where(appliedFields.Contains).Where(p => !p.EndsWith(FieldPaths.Separator + ".",
                StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                if (!SameValue(current, applied, path))
                {
                    conflicts.Add((other.Manager, other.ApiVersion, path));
                }
            }
        }
        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(kind, applied, conflicts);
        }
        foreach (var (owner, _, path) in conflicts)
        {
            foreach (var entry in entries.Where(e => e.Manager == owner))
            {
                entry.Fields.Remove(path);
            }
        }
        var previous = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.Apply, subresource));
        var result = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        var ownedByOthers = entries.Where(e => e != previous).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
        // A list item the manager no longer applies goes first, with its fields; then single fields.
        foreach (var path in (previous?.Fields ?? []).Where(p => !appliedFields.Contains(p) && !ownedByOthers.Contains(p))
            .OrderBy(p => p.EndsWith(FieldPaths.Separator + ".", StringComparison.Ordinal) ? 0 : 1))
        {
            FieldPaths.Remove(result, path);
        }
        result = ApplyMerge.Merge(result, applied, SchemaCursor.For(kind));
        if (previous is not null)
        {
            entries.Remove(previous);
        }
        entries.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, subresource, kind.ApiVersion, Now(), appliedFields));
        result["metadata"] ??= new JsonObject();
        ManagedFieldsEntry.Write(result, entries);
        return result;
    }

    private static bool SameValue(JsonObject? current, JsonObject other, string path)
    {
        var before = FieldPaths.ValueAt(current, path, out var hadBefore);
        var after = FieldPaths.ValueAt(other, path, out var hasAfter);
        return hadBefore == hasAfter && JsonNode.DeepEquals(before, after);
    }

    private static StatusException Conflict(ResourceKind kind, JsonObject applied, List<(string Manager, string ApiVersion, string Path)> conflicts)
    {
        var lines = conflicts.GroupBy(c => (c.Manager, c.ApiVersion)).Select(g => g.Count() == 1
            ? $"conflict with \"{g.Key.Manager}\" using {g.Key.ApiVersion}: {FieldPaths.Display(g.First().Path)}"
            : $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n",
                g.Select(c => "- " + FieldPaths.Display(c.Path))));
        var count = conflicts.Count == 1 ? "1 conflict" : $"{conflicts.Count} conflicts";
        var causes = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
            ["field"] = FieldPaths.Display(c.Path),
        })]);
        return new StatusException(409, "Conflict", $"Apply failed with {count}: {string.Join("\n", lines)}")
        {
            Details = new JsonObject
            {
                ["name"] = applied["metadata"]?["name"]?.DeepClone(),
                ["group"] = kind.Group,
                ["kind"] = kind.Plural,
                ["causes"] = causes,
            },
        };
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

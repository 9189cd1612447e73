using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Serialization;

namespace Tern.Sandbox.Storage;

/// <summary>Checks and completes an object before it is stored: <c>(stored or null, proposed) → to store</c>.
/// It runs under the store's lock, so what it saw is what gets written.</summary>
internal delegate JsonObject Admission(JsonObject? stored, JsonObject proposed);

/// <summary>The API server's state and semantics: one resourceVersion counter; generation bumped when anything
/// but metadata and status changes; the status subresource kept apart from the main resource; deletion held by
/// finalizers; dry runs that store nothing; a bounded event history that watches replay from a resourceVersion
/// (older → 410 Gone); and, with a data directory, every change written to disk before it is answered.</summary>
internal sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> _objects = [];
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<(string Resource, string? Namespace, Channel<StoredEvent> Channel)> _watchers = [];
    private readonly TimeProvider _clock;
    private readonly ObjectPersistence? _persistence;
    private readonly int _historyLimit;
    private long _resourceVersion = 1;

    public ObjectStore(TimeProvider clock, ObjectPersistence? persistence = null, int historyLimit = 1000)
    {
        _clock = clock;
        _persistence = persistence;
        _historyLimit = historyLimit;
        if (persistence is not null)
        {
            var (objects, resourceVersion) = persistence.Load();
            foreach (var (key, value) in objects)
            {
                _objects[key] = value;
            }
            _resourceVersion = resourceVersion;
        }
    }

    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return Text(_resourceVersion);
            }
        }
    }

    public JsonObject Get(ResourceKind kind, string ns, string name)
    {
        lock (_gate)
        {
            return (JsonObject)Find(kind, ns, name).DeepClone();
        }
    }

    public JsonObject? TryGet(ResourceKind kind, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(ObjectKey.Of(kind, ns, name))?.DeepClone() as JsonObject;
        }
    }

    /// <summary>The objects of a kind (in one namespace, or all with null) that <paramref name="matches"/> keeps.</summary>
    public (IReadOnlyList<JsonObject> Items, string ResourceVersion) List(ResourceKind kind, string? ns, Func<JsonObject, bool>? matches = null)
    {
        lock (_gate)
        {
            var items = _objects.Where(o => o.Key.Resource == kind.Resource && (ns is null || o.Key.Namespace == ns))
                .Where(o => matches?.Invoke(o.Value) ?? true)
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => (JsonObject)o.Value.DeepClone()).ToList();
            return (items, Text(_resourceVersion));
        }
    }

    public JsonObject Create(ResourceKind kind, string ns, JsonObject body, Admission admit, bool dryRun)
    {
        lock (_gate)
        {
            var metadata = body["metadata"] as JsonObject ?? [];
            body["metadata"] = metadata;
            var name = metadata["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                var prefix = metadata["generateName"]?.GetValue<string>()
                    ?? throw new StatusException(422, "Invalid",
                        $"{kind.QualifiedKind} is invalid: metadata.name: Required value: name or generateName is required");
                name = prefix + Guid.NewGuid().ToString("N")[..5];
                metadata["name"] = name;
            }
            if (_objects.ContainsKey(ObjectKey.Of(kind, ns, name)))
            {
                throw new StatusException(409, "AlreadyExists", $"{kind.Resource} \"{name}\" already exists");
            }
            if (kind.Namespaced)
            {
                metadata["namespace"] = ns;
            }
            else
            {
                metadata.Remove("namespace");
            }
            foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                metadata.Remove(field);
            }
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            if (kind.HasGeneration)
            {
                metadata["generation"] = 1;
            }
            body["apiVersion"] = kind.ApiVersion;
            body["kind"] = kind.Kind;
            var admitted = admit(null, body);
            return dryRun ? admitted : Store(ObjectKey.Of(kind, ns, name), admitted, "ADDED");
        }
    }

    /// <summary>Changes a stored object: <paramref name="change"/> proposes the new object from a copy of the
    /// stored one (a replace, a patch, an apply); only what the request may change is taken from it.</summary>
    public JsonObject Update(ResourceKind kind, string ns, string name, Func<JsonObject, JsonObject> change, bool statusOnly, Admission admit,
        bool dryRun)
    {
        lock (_gate)
        {
            var stored = Find(kind, ns, name);
            var proposed = change((JsonObject)stored.DeepClone());
            var next = admit(stored, Merge(kind, stored, proposed, statusOnly));
            if (kind.HasGeneration && !statusOnly && !JsonNode.DeepEquals(Content(stored), Content(next)))
            {
                next["metadata"]!["generation"] = (JsonNumbers.TryGetInt64(stored["metadata"]?["generation"],
                    out var generation) ? generation : 0) + 1;
            }
            if (dryRun)
            {
                return next;
            }
            var key = ObjectKey.Of(kind, ns, name);
            // A deleted object goes once its last finalizer is removed.
            if (next["metadata"]!["deletionTimestamp"] is not null && next["metadata"]!["finalizers"] is not JsonArray { Count: > 0 })
            {
                _objects[key] = next;
                return Remove(key);
            }
            return JsonNode.DeepEquals(stored, next) ? (JsonObject)stored.DeepClone() : Store(key, next, "MODIFIED");
        }
    }

    public JsonObject Delete(ResourceKind kind, string ns, string name, bool dryRun)
    {
        lock (_gate)
        {
            var stored = Find(kind, ns, name);
            var metadata = stored["metadata"]!.AsObject();
            if (metadata["finalizers"] is JsonArray { Count: > 0 })
            {
                if (metadata["deletionTimestamp"] is not null || dryRun)
                {
                    return (JsonObject)stored.DeepClone();
                }
                var copy = (JsonObject)stored.DeepClone();
                copy["metadata"]!["deletionTimestamp"] = Now();
                copy["metadata"]!["deletionGracePeriodSeconds"] = 0;
                return Store(ObjectKey.Of(kind, ns, name), copy, "MODIFIED");
            }
            return dryRun ? (JsonObject)stored.DeepClone() : Remove(ObjectKey.Of(kind, ns, name));
        }
    }

    /// <summary>A subscription to every change after <paramref name="resourceVersion"/> ("0" or empty: the
    /// current objects as ADDED first). Null when the version is older than the history: 410 Gone.</summary>
    public WatchSubscription? Watch(ResourceKind kind, string? ns, string? resourceVersion)
    {
        lock (_gate)
        {
            var channel = Channel.CreateUnbounded<StoredEvent>();
            var initial = 0;
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var item in List(kind, ns).Items)
                {
                    initial++;
                    channel.Writer.TryWrite(new StoredEvent(long.Parse(item["metadata"]!["resourceVersion"]!.GetValue<string>(),
                        CultureInfo.InvariantCulture),
                        kind.Resource, item["metadata"]?["namespace"]?.GetValue<string>() ?? "", "ADDED", item));
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, CultureInfo.InvariantCulture, out var from))
                {
                    throw new StatusException(400, "BadRequest", $"invalid resource version: {resourceVersion}");
                }
                var oldest = _history.First?.Value.ResourceVersion ?? _resourceVersion + 1;
                if (from < oldest - 1 && from < _resourceVersion)
                {
                    return null;
                }
                foreach (var past in _history.Where(e => e.ResourceVersion > from && e.Resource == kind.Resource && (ns is null
                    || e.Namespace == ns)))
                {
                    channel.Writer.TryWrite(past);
                }
            }
            var watcher = (kind.Resource, ns, channel);
            _watchers.Add(watcher);
            return new WatchSubscription(channel.Reader, initial, () =>
            {
                lock (_gate)
                {
                    _watchers.Remove(watcher);
                }
                channel.Writer.TryComplete();
            });
        }
    }

    /// <summary>The stored object with what <paramref name="proposed"/> may change: its status alone for /status;
    /// otherwise everything but status (when it is a subresource) and the metadata the server owns.</summary>
    private static JsonObject Merge(ResourceKind kind, JsonObject stored, JsonObject proposed, bool statusOnly)
    {
        var next = (JsonObject)stored.DeepClone();
        var metadata = next["metadata"]!.AsObject();
        var incoming = proposed["metadata"] as JsonObject ?? [];
        metadata["managedFields"] = incoming["managedFields"]?.DeepClone();
        if (statusOnly)
        {
            next["status"] = proposed["status"]?.DeepClone();
            return WithoutNulls(next);
        }
        foreach (var field in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
        {
            metadata[field] = incoming[field]?.DeepClone();
        }
        foreach (var field in next.Select(p => p.Key).Where(k => k is not ("metadata" or "apiVersion" or "kind" or "status")).ToList())
        {
            next.Remove(field);
        }
        foreach (var (field, value) in proposed.Where(p => p.Key is not ("metadata" or "apiVersion" or "kind" or "status")).ToList())
        {
            next[field] = value?.DeepClone();
        }
        // With a status subresource, the main resource ignores status; without one, status is ordinary data.
        if (!kind.HasStatus)
        {
            next["status"] = proposed["status"]?.DeepClone();
        }
        return WithoutNulls(next);
    }

    private static JsonObject WithoutNulls(JsonObject value)
    {
        foreach (var node in new[] { value, value["metadata"] as JsonObject })
        {
            foreach (var empty in node?.Where(p => p.Value is null).Select(p => p.Key).ToList() ?? [])
            {
                node!.Remove(empty);
            }
        }
        return value;
    }

    /// <summary>What generation counts: the object without metadata and status.</summary>
    private static JsonObject Content(JsonObject value) =>
        new(value.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")).Select(p => KeyValuePair.Create(p.Key,
            p.Value?.DeepClone())));

    private JsonObject Store(ObjectKey key, JsonObject value, string type)
    {
        _resourceVersion++;
        value["metadata"]!["resourceVersion"] = Text(_resourceVersion);
        _persistence?.Save(key, value);
        _persistence?.SaveResourceVersion(_resourceVersion);
        _objects[key] = value;
        Publish(new StoredEvent(_resourceVersion, key.Resource, key.Namespace, type, (JsonObject)value.DeepClone()));
        return (JsonObject)value.DeepClone();
    }

    private JsonObject Remove(ObjectKey key)
    {
        var stored = _objects[key];
        _resourceVersion++;
        _persistence?.Delete(key);
        _persistence?.SaveResourceVersion(_resourceVersion);
        _objects.Remove(key);
        stored["metadata"]!["resourceVersion"] = Text(_resourceVersion);
        Publish(new StoredEvent(_resourceVersion, key.Resource, key.Namespace, "DELETED", (JsonObject)stored.DeepClone()));
        return stored;
    }

    private void Publish(StoredEvent change)
    {
        _history.AddLast(change);
        while (_history.Count > _historyLimit)
        {
            _history.RemoveFirst();
        }
        foreach (var (resource, ns, channel) in _watchers)
        {
            if (resource == change.Resource && (ns is null || ns == change.Namespace))
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    private JsonObject Find(ResourceKind kind, string ns, string name) =>
        _objects.GetValueOrDefault(ObjectKey.Of(kind, ns, name))
            ?? throw new StatusException(404, "NotFound", $"{kind.Resource} \"{name}\" not found") { Details = Details(kind, name) };

    private static JsonObject Details(ResourceKind kind, string name) => new() { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural };

    private string Now() => _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

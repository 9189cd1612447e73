using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Tern.Sandbox;

/// <summary>The API server's state and semantics: one resourceVersion counter; generation bumped only on a
/// spec change; the status subresource kept apart from the main resource; deletion held by finalizers;
/// a bounded event history that watches replay from a resourceVersion (older → 410 Gone).</summary>
internal sealed class ObjectStore(TimeProvider clock, int historyLimit = 1000)
{
    private readonly object _gate = new();
    private readonly Dictionary<(ResourceKind Kind, string Namespace, string Name), JsonObject> _objects = [];
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<(ResourceKind Kind, string? Namespace, Channel<StoredEvent> Channel)> _watchers = [];
    private long _resourceVersion = 1;

    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString(CultureInfo.InvariantCulture);
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

    public (IReadOnlyList<JsonObject> Items, string ResourceVersion) List(ResourceKind kind, string? ns)
    {
        lock (_gate)
        {
            var items = _objects.Where(o => o.Key.Kind == kind && (ns is null || o.Key.Namespace == ns))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => (JsonObject)o.Value.DeepClone()).ToList();
            return (items, _resourceVersion.ToString(CultureInfo.InvariantCulture));
        }
    }

    public JsonObject Create(ResourceKind kind, string ns, JsonObject body)
    {
        lock (_gate)
        {
            var metadata = body["metadata"] as JsonObject ?? [];
            body["metadata"] = metadata;
            var name = metadata["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                var prefix = metadata["generateName"]?.GetValue<string>() ?? throw new StatusException(422, "Invalid", "metadata.name or metadata.generateName is required");
                name = prefix + Guid.NewGuid().ToString("N")[..5];
                metadata["name"] = name;
            }
            if (_objects.ContainsKey((kind, ns, name)))
            {
                throw new StatusException(409, "AlreadyExists", $"{kind.Plural} \"{name}\" already exists");
            }
            if (kind.Namespaced)
            {
                metadata["namespace"] = ns;
            }
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            if (kind.HasGeneration)
            {
                metadata["generation"] = 1;
            }
            body["apiVersion"] = kind.ApiVersion;
            body["kind"] = kind.Kind;
            return Store(kind, ns, name, body, "ADDED");
        }
    }

    /// <summary>Replaces the object (or, with <paramref name="statusOnly"/>, only its status).</summary>
    public JsonObject Replace(ResourceKind kind, string ns, string name, JsonObject body, bool statusOnly)
    {
        lock (_gate)
        {
            var stored = Find(kind, ns, name);
            var requested = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(requested) && requested != stored["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw new StatusException(409, "Conflict",
                    $"Operation cannot be fulfilled on {kind.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }
            return Update(kind, ns, name, stored, body, statusOnly);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored object and saves it like a replace.</summary>
    public JsonObject Patch(ResourceKind kind, string ns, string name, Func<JsonObject, JsonObject> change, bool statusOnly)
    {
        lock (_gate)
        {
            var stored = Find(kind, ns, name);
            return Update(kind, ns, name, stored, change((JsonObject)stored.DeepClone()), statusOnly);
        }
    }

    public JsonObject Delete(ResourceKind kind, string ns, string name)
    {
        lock (_gate)
        {
            var stored = Find(kind, ns, name);
            var metadata = stored["metadata"]!.AsObject();
            if (metadata["finalizers"] is JsonArray { Count: > 0 })
            {
                if (metadata["deletionTimestamp"] is null)
                {
                    var copy = (JsonObject)stored.DeepClone();
                    copy["metadata"]!["deletionTimestamp"] = Now();
                    return Store(kind, ns, name, copy, "MODIFIED");
                }
                return (JsonObject)stored.DeepClone();
            }
            return Remove(kind, ns, name);
        }
    }

    /// <summary>A subscription to every change after <paramref name="resourceVersion"/> ("0" or empty: the
    /// current objects as ADDED first). Null when the version is older than the history: 410 Gone.</summary>
    public (ChannelReader<StoredEvent> Reader, Action Unsubscribe)? Watch(ResourceKind kind, string? ns, string? resourceVersion)
    {
        lock (_gate)
        {
            var channel = Channel.CreateUnbounded<StoredEvent>();
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var item in List(kind, ns).Items)
                {
                    channel.Writer.TryWrite(new StoredEvent(long.Parse(item["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture), kind, item["metadata"]?["namespace"]?.GetValue<string>() ?? "", "ADDED", item));
                }
            }
            else
            {
                var from = long.Parse(resourceVersion, CultureInfo.InvariantCulture);
                var oldest = _history.First?.Value.ResourceVersion ?? _resourceVersion + 1;
                if (from < oldest - 1 && from < _resourceVersion)
                {
                    return null;
                }
                foreach (var past in _history.Where(e => e.ResourceVersion > from && e.Kind == kind && (ns is null || e.Namespace == ns)))
                {
                    channel.Writer.TryWrite(past);
                }
            }
            var watcher = (kind, ns, channel);
            _watchers.Add(watcher);
            return (channel.Reader, () =>
            {
                lock (_gate)
                {
                    _watchers.Remove(watcher);
                }
                channel.Writer.TryComplete();
            });
        }
    }

    private JsonObject Update(ResourceKind kind, string ns, string name, JsonObject stored, JsonObject body, bool statusOnly)
    {
        var next = (JsonObject)stored.DeepClone();
        if (statusOnly)
        {
            next["status"] = body["status"]?.DeepClone();
        }
        else
        {
            var metadata = next["metadata"]!.AsObject();
            var incoming = body["metadata"] as JsonObject ?? [];
            foreach (var field in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
            {
                metadata[field] = incoming[field]?.DeepClone();
            }
            foreach (var (field, value) in body.Where(p => p.Key is not ("metadata" or "apiVersion" or "kind" or "status")).ToList())
            {
                next[field] = value?.DeepClone();
            }
            // With a status subresource, the main resource ignores status; without one, status is ordinary data.
            if (!kind.HasStatus && body.ContainsKey("status"))
            {
                next["status"] = body["status"]?.DeepClone();
            }
            if (kind.HasGeneration && !JsonNode.DeepEquals(stored["spec"], next["spec"]))
            {
                metadata["generation"] = long.Parse(metadata["generation"]?.ToJsonString() ?? "0", CultureInfo.InvariantCulture) + 1;
            }
            // A deleted object goes once its last finalizer is removed.
            if (metadata["deletionTimestamp"] is not null && metadata["finalizers"] is not JsonArray { Count: > 0 })
            {
                _objects[(kind, ns, name)] = next;
                return Remove(kind, ns, name);
            }
        }
        return Store(kind, ns, name, next, "MODIFIED");
    }

    private JsonObject Store(ResourceKind kind, string ns, string name, JsonObject value, string type)
    {
        _resourceVersion++;
        value["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        _objects[(kind, ns, name)] = value;
        Publish(new StoredEvent(_resourceVersion, kind, ns, type, (JsonObject)value.DeepClone()));
        return (JsonObject)value.DeepClone();
    }

    private JsonObject Remove(ResourceKind kind, string ns, string name)
    {
        var stored = _objects[(kind, ns, name)];
        _objects.Remove((kind, ns, name));
        _resourceVersion++;
        stored["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        Publish(new StoredEvent(_resourceVersion, kind, ns, "DELETED", (JsonObject)stored.DeepClone()));
        return stored;
    }

    private void Publish(StoredEvent change)
    {
        _history.AddLast(change);
        while (_history.Count > historyLimit)
        {
            _history.RemoveFirst();
        }
        foreach (var (kind, ns, channel) in _watchers)
        {
            if (kind == change.Kind && (ns is null || ns == change.Namespace))
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    private JsonObject Find(ResourceKind kind, string ns, string name) =>
        _objects.GetValueOrDefault((kind, ns, name)) ?? throw new StatusException(404, "NotFound", $"{kind.Plural} \"{name}\" not found");

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>One change, as watches see it.</summary>
internal sealed record StoredEvent(long ResourceVersion, ResourceKind Kind, string Namespace, string Type, JsonObject Object);

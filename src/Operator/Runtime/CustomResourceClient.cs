using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tern.Entities.Schema;
using Tern.Entities.Serialization;

namespace Tern.Operator.Runtime;

/// <summary>One kind of Tern custom resource over the Kubernetes HTTP API: paged list, watch from a
/// resourceVersion with bookmarks and a bounded timeout, get, replace, replace /status and JSON patch.
/// Objects cross the wire as JSON in Tern's own shape (<see cref="TernJson"/>), not KubernetesJson's.</summary>
internal sealed class CustomResourceClient<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly string _group;
    private readonly string _version;
    private readonly string _plural;

    public CustomResourceClient(IKubernetes client)
    {
        _client = client;
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity] attribute.");
        _group = entity.Group;
        _version = entity.ApiVersion;
        _plural = entity.PluralName;
        Kind = entity.Kind;
        ClusterScoped = typeof(T).GetCustomAttribute<ClusterScopedAttribute>() is not null;
    }

    public string Kind { get; }

    public bool ClusterScoped { get; }

    public static ResourceKey KeyOf(T entity) => new(entity.Metadata.NamespaceProperty, entity.Metadata.Name);

    /// <summary>Every object (all namespaces), page by page, and the list's resourceVersion, where a watch continues.
    /// Objects that cannot be decoded are returned apart, so one malformed object never hides the others.</summary>
    public async Task<ObjectList<T>> ListAsync(CancellationToken cancellationToken, int pageSize = InformerOptions.DefaultPageSize)
    {
        var items = new List<T>();
        var undecodable = new List<UndecodableObject>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            // For a namespaced kind, the cluster path /apis/{group}/{version}/{plural} lists all namespaces.
            var page = await _client.CustomObjects.ListClusterCustomObjectAsync(_group, _version, _plural, continueParameter: continueToken,
                limit: pageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            var json = ToNode(page)!.AsObject();
            foreach (var item in json["items"]?.AsArray() ?? [])
            {
                switch (Decode(item!))
                {
                    case (T entity, null):
                        items.Add(entity);
                        break;
                    case (_, { } bad):
                        undecodable.Add(bad);
                        break;
                }
            }
            // Every page of one list comes from the same snapshot; the first page's version is where a watch continues.
            resourceVersion ??= json["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "0";
            continueToken = json["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(continueToken));
        return new ObjectList<T>(items, undecodable, resourceVersion);
    }

    /// <summary>Events after <paramref name="resourceVersion"/>, until the server ends the stream after
    /// <paramref name="timeoutSeconds"/> or the token is cancelled. An object that cannot be decoded comes as an
    /// event with <see cref="WatchEvent{T}.Undecodable"/> set instead of ending the stream.</summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, int timeoutSeconds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // KubernetesClient hands ERROR events (such as 410 Gone) to onError instead of yielding them.
        var errors = new List<Exception>();
        var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            _group, _version, _plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: errors.Add, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            var node = ToNode(item)!;
            yield return type switch
            {
                WatchEventType.Error => new WatchEvent<T>(type, null, null, node["code"]?.GetValue<int>()),
                WatchEventType.Bookmark => new WatchEvent<T>(type, null, node["metadata"]?["resourceVersion"]?.GetValue<string>(), null),
                _ => Event(type, node),
            };
        }
        foreach (var error in errors)
        {
            yield return error is KubernetesException { Status.Code: { } code }
                ? new WatchEvent<T>(WatchEventType.Error, null, null, code)
                : throw new HttpRequestException($"{Kind} watch failed: {error.Message}", error);
        }
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        try
        {
            var result = ClusterScoped
                ? await _client.CustomObjects.GetClusterCustomObjectAsync(_group, _version, _plural, key.Name,
                    cancellationToken).ConfigureAwait(false)
                : await _client.CustomObjects.GetNamespacedCustomObjectAsync(_group, _version, key.Namespace, _plural, key.Name,
                    cancellationToken).ConfigureAwait(false);
            return FromNode(ToNode(result)!);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the object (in its own namespace for a namespaced kind) and returns it as stored.</summary>
    public async Task<T> CreateAsync(T entity, CancellationToken cancellationToken)
    {
        var body = ToElement(entity);
        var result = ClusterScoped
            ? await _client.CustomObjects.CreateClusterCustomObjectAsync(body, _group, _version, _plural,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, _group, _version, entity.Metadata.NamespaceProperty, _plural,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromNode(ToNode(result)!);
    }

    /// <summary>Writes the status only (PUT on /status, with the object's resourceVersion, so a stale copy gets 409).</summary>
    public async Task<T> ReplaceStatusAsync(T entity, CancellationToken cancellationToken)
    {
        var body = ToElement(entity);
        var key = KeyOf(entity);
        var result = ClusterScoped
            ? await _client.CustomObjects.ReplaceClusterCustomObjectStatusAsync(body, _group, _version, _plural, key.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(body, _group, _version, key.Namespace, _plural, key.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromNode(ToNode(result)!);
    }

    /// <summary>Applies a JSON patch (RFC 6902) to the main resource.</summary>
    public async Task<T> PatchAsync(ResourceKey key, JsonArray jsonPatch, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(jsonPatch.ToJsonString(), V1Patch.PatchType.JsonPatch);
        var result = ClusterScoped
            ? await _client.CustomObjects.PatchClusterCustomObjectAsync(patch, _group, _version, _plural, key.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, _group, _version, key.Namespace, _plural, key.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromNode(ToNode(result)!);
    }

    public static T FromNode(JsonNode node) => node.Deserialize<T>(TernJson.Options)!;

    private (T? Entity, UndecodableObject? Undecodable) Decode(JsonNode node)
    {
        try
        {
            return (FromNode(node), null);
        }
        catch (JsonException e)
        {
            return (null, UndecodableObject.From(node, Kind, e));
        }
    }

    private WatchEvent<T> Event(WatchEventType type, JsonNode node) => Decode(node) switch
    {
        (T entity, _) => new WatchEvent<T>(type, entity, entity.Metadata.ResourceVersion, null),
        (_, var bad) => new WatchEvent<T>(type, null, bad!.Reference.ResourceVersion, null, bad),
    };

    private static JsonElement ToElement(T entity) => JsonSerializer.SerializeToElement(entity, TernJson.Options);

    private static JsonNode? ToNode(object result) => result switch
    {
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(result),
    };
}

/// <summary>One watch event: the object (for ADDED, MODIFIED, DELETED) or why it could not be decoded, the
/// resourceVersion it brings, and the HTTP code of an ERROR event (410 means the resourceVersion is too old: list again).</summary>
internal sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, int? ErrorCode, UndecodableObject? Undecodable = null);

/// <summary>A complete list: the decoded objects, those that could not be decoded, and the list's resourceVersion.</summary>
internal sealed record ObjectList<T>(IReadOnlyList<T> Items, IReadOnlyList<UndecodableObject> Undecodable, string ResourceVersion);

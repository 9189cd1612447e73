using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Tern.Operator.Runtime;

/// <summary>Adds and removes Tern's finalizer with a JSON patch guarded by a test on resourceVersion, so a
/// stale copy can never overwrite another writer's finalizers; conflicts re-read and retry.</summary>
internal sealed class Finalizers<T>(CustomResourceClient<T> client, string finalizer) where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int Attempts = 5;

    public string Name => finalizer;

    public static bool Has(T entity, string finalizer) => entity.Metadata.Finalizers?.Contains(finalizer) == true;

    /// <summary>Adds the finalizer unless present; returns the object as stored.</summary>
    public Task<T> AddAsync(T entity, CancellationToken cancellationToken) =>
        PatchAsync(entity, current => Has(current, finalizer) ? null : current.Metadata.Finalizers is null
            ? [Op("add", "/metadata/finalizers", new JsonArray(finalizer))]
            : [Op("add", "/metadata/finalizers/-", finalizer)], cancellationToken);

    /// <summary>Removes the finalizer if present; returns the object as stored (the API server deletes it
    /// once no finalizer is left, so the result may be the last state).</summary>
    public Task<T> RemoveAsync(T entity, CancellationToken cancellationToken) =>
        PatchAsync(entity, current =>
        {
            var index = current.Metadata.Finalizers?.ToList().IndexOf(finalizer) ?? -1;
            return index < 0 ? null : [Op("remove", $"/metadata/finalizers/{index}")];
        }, cancellationToken);

    private async Task<T> PatchAsync(T entity, Func<T, JsonObject[]?> operations, CancellationToken cancellationToken)
    {
        var current = entity;
        for (var attempt = 1; ; attempt++)
        {
            if (operations(current) is not { } ops)
            {
                return current;
            }
            var patch = new JsonArray(Op("test", "/metadata/resourceVersion", current.Metadata.ResourceVersion));
            foreach (var op in ops)
            {
                patch.Add(op);
            }
            try
            {
                return await client.PatchAsync(CustomResourceClient<T>.KeyOf(current), patch, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
                && attempt < Attempts)
            {
                current = await client.GetAsync(CustomResourceClient<T>.KeyOf(current), cancellationToken).ConfigureAwait(false) ?? current;
            }
        }
    }

    private static JsonObject Op(string op, string path, JsonNode? value = null)
    {
        var json = new JsonObject { ["op"] = op, ["path"] = path };
        if (value is not null)
        {
            json["value"] = value;
        }
        return json;
    }
}

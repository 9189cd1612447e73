using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tern.Entities.Serialization;

namespace Tern.Operator.Runtime;

/// <summary>Writes status only through the /status subresource, skips the write when nothing changed, and on
/// a conflict re-reads the object and recomputes the status from the fresh copy (never a blind overwrite).</summary>
internal sealed class StatusWriter<T, TStatus>(CustomResourceClient<T> client)
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : class
{
    private const int Attempts = 5;

    /// <summary>Sets the status to <paramref name="compute"/>(current object) and returns the object as stored.</summary>
    public async Task<T> UpdateAsync(T entity, Func<T, TStatus> compute, CancellationToken cancellationToken)
    {
        var current = entity;
        for (var attempt = 1; ; attempt++)
        {
            var desired = compute(current);
            if (Json(current.Status) == Json(desired))
            {
                return current;
            }
            current.Status = desired;
            try
            {
                return await client.ReplaceStatusAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                current = await client.GetAsync(CustomResourceClient<T>.KeyOf(current), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{client.Kind} {CustomResourceClient<T>.KeyOf(entity)} was deleted while its status " +
                        $"was written.", e);
            }
        }
    }

    private static string Json(TStatus? status) => JsonSerializer.Serialize(status, TernJson.Options);
}

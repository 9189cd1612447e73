using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using Tern.Carbon;

namespace Tern.Operator.Controllers;

/// <summary>Reads provider tokens from Secrets in the operator's namespace (RBAC grants no other), and only from those
/// labelled <see cref="CarbonSecrets.Label"/>: RBAC cannot limit reads by label, so without this check a CarbonSource could
/// make Tern send any Secret in its namespace to an endpoint.</summary>
internal sealed class KubernetesSecretReader(IKubernetes client, string @namespace) : ISecretReader
{
    public async Task<string?> ReadAsync(string name, string key, CancellationToken ct)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            if (!CarbonSecrets.IsLabelled(secret.Metadata?.Labels))
            {
                throw CarbonSecrets.NotLabelled(@namespace, name);
            }
            if (secret.Data?.TryGetValue(key, out var bytes) == true)
            {
                return Encoding.UTF8.GetString(bytes);
            }
            return secret.StringData is { } text && text.TryGetValue(key, out var value) ? value : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>Reads the Static provider's CSV from ConfigMaps in the operator's namespace.</summary>
internal sealed class KubernetesConfigMapReader(IKubernetes client, string @namespace) : IConfigMapReader
{
    public async Task<string?> ReadAsync(string name, string key, CancellationToken ct)
    {
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            return map.Data is { } data && data.TryGetValue(key, out var value) ? value : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

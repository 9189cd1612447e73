using System.Net.Http;
using k8s;
using k8s.Autorest;
using Tern.Footprint.Jobs;
using Tern.Footprint.Kubernetes;

namespace Tern.Operator.Cli;

/// <summary>Lists a namespace's Jobs and pods through the kubeconfig, for `tern footprint jobs --kube-jobs`.</summary>
internal static class KubernetesJobSource
{
    public static async Task<IReadOnlyList<BatchJob>> ReadAsync(string ns, string? kubeconfig, string? context, DateTimeOffset now,
        CancellationToken ct)
    {
        var config = await KubeconfigLocation.LoadAsync(kubeconfig, context, Environment.GetEnvironmentVariable("KUBECONFIG")).ConfigureAwait(false);
        using var client = new Kubernetes(config);
        try
        {
            var jobs = await client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            var read = KubernetesJobs.From(jobs.Items, pods.Items, now);
            return read.Count > 0 ? read : throw new InputException($"--kube-jobs {ns}: the namespace has no Job.");
        }
        catch (HttpOperationException e)
        {
            throw new InputException($"--kube-jobs {ns}: the API server at {config.Host} refused to list Jobs and pods (HTTP " +
                $"{(int)e.Response.StatusCode}); the kubeconfig's user needs list on jobs and pods in {ns}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new InputException($"--kube-jobs {ns}: cannot reach the API server at {config.Host}: {e.Message}; check the kubeconfig.", e);
        }
    }
}

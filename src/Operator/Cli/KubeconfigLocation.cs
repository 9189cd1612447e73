using k8s;
using k8s.KubeConfigModels;

namespace Tern.Operator.Cli;

/// <summary>Which kubeconfig `tern run` uses, in kubectl's order: --kubeconfig; else $KUBECONFIG, a list of paths
/// separated by ':' whose existing files are merged in order (for a context, cluster or user named in several,
/// the first file wins; the current context is the first file's that sets one); else ~/.kube/config.</summary>
internal static class KubeconfigLocation
{
    public static async Task<KubernetesClientConfiguration> LoadAsync(string? path, string? context, string? kubeconfigVariable)
    {
        if (path is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
        }
        var listed = (kubeconfigVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listed.Length == 0)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath: null, currentContext: context);
        }
        var existing = listed.Where(File.Exists).Select(p => new FileInfo(p)).ToList();
        if (existing.Count == 0)
        {
            throw new IOException($"none of the files in $KUBECONFIG exists ({string.Join(", ", listed)}).");
        }
        var files = new List<K8SConfiguration>();
        foreach (var file in existing)
        {
            files.Add(await KubernetesClientConfiguration.LoadKubeConfigAsync(file).ConfigureAwait(false));
        }
        var merged = new K8SConfiguration
        {
            CurrentContext = files.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Contexts = [.. files.SelectMany(f => f.Contexts ?? []).DistinctBy(c => c.Name)],
            Clusters = [.. files.SelectMany(f => f.Clusters ?? []).DistinctBy(c => c.Name)],
            Users = [.. files.SelectMany(f => f.Users ?? []).DistinctBy(u => u.Name)],
        };
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
    }
}

namespace Tern.Carbon;

/// <summary>Reads a key of a Secret in the operator's namespace. The controller implements it with the Kubernetes API,
/// `tern carbon show` with --secret options and environment variables.</summary>
public interface ISecretReader
{
    /// <summary>The key's value, or null when the Secret or the key does not exist.</summary>
    Task<string?> ReadAsync(string name, string key, CancellationToken ct);
}

/// <summary>Reads a key of a ConfigMap in the operator's namespace (the Static provider's CSV).</summary>
public interface IConfigMapReader
{
    /// <summary>The key's value, or null when the ConfigMap or the key does not exist.</summary>
    Task<string?> ReadAsync(string name, string key, CancellationToken ct);
}

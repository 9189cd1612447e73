namespace Tern.Operator.Hosting;

/// <summary>`tern run --sandbox`'s settings: the API server's port (0: any free one), where to write a kubeconfig
/// for kubectl and helm (null: nowhere), and a data directory that keeps the objects across restarts (null: memory).</summary>
internal sealed record SandboxOptions(int Port = 0, string? KubeconfigPath = null, string? DataDirectory = null);

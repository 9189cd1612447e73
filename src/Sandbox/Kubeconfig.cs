namespace Tern.Sandbox;

/// <summary>A kubeconfig for the loopback server: one cluster, context and user named tern-sandbox, a token the
/// server does not check. Written to a temporary file and renamed, so a reader never sees half of it.</summary>
internal static class Kubeconfig
{
    public const string Name = "tern-sandbox";

    public static void Write(string path, Uri server)
    {
        var text = string.Join('\n',
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            $"- name: {Name}",
            "  cluster:",
            $"    server: {server.GetLeftPart(UriPartial.Authority)}",
            "contexts:",
            $"- name: {Name}",
            "  context:",
            $"    cluster: {Name}",
            $"    user: {Name}",
            "    namespace: default",
            $"current-context: {Name}",
            "users:",
            $"- name: {Name}",
            "  user:",
            "    token: the-sandbox-does-not-check-tokens",
            "");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, full, overwrite: true);
    }
}

using Tern.Operator.Cli;

namespace Tern.Operator.Tests.Cli;

public class KubeconfigLocationTests
{
    [Fact]
    public async Task Kubeconfig_skips_missing_files_and_merges_the_rest_with_the_first_file_winning()
    {
        var directory = Directory.CreateTempSubdirectory("tern-kubeconfig-").FullName;
        var first = Path.Combine(directory, "first");
        var second = Path.Combine(directory, "second");
        // The first file has no current context; the second sets one and also defines "a", which the first wins.
        await File.WriteAllTextAsync(first, Config(currentContext: null, ("a", 1111)));
        await File.WriteAllTextAsync(second, Config(currentContext: "b", ("b", 2222), ("a", 9999)));
        var variable = string.Join(Path.PathSeparator, Path.Combine(directory, "missing"), first, second);

        var current = await KubeconfigLocation.LoadAsync(null, null, variable);
        var chosen = await KubeconfigLocation.LoadAsync(null, "a", variable);

        Assert.Equal("http://127.0.0.1:2222", current.Host.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:1111", chosen.Host.TrimEnd('/'));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_kubeconfig_list_without_any_existing_file_is_an_error_naming_them()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => KubeconfigLocation.LoadAsync(null, null, "/nonexistent/a:/nonexistent/b"));
        Assert.Contains("/nonexistent/a, /nonexistent/b", error.Message, StringComparison.Ordinal);
    }

    private static string Config(string? currentContext, params (string Name, int Port)[] entries) => string.Join('\n',
    [
        "apiVersion: v1",
        "kind: Config",
        .. currentContext is null ? Array.Empty<string>() : [$"current-context: {currentContext}"],
        "clusters:",
        .. entries.Select(e => $"- name: {e.Name}\n  cluster: {{server: \"http://127.0.0.1:{e.Port}\"}}"),
        "contexts:",
        .. entries.Select(e => $"- name: {e.Name}\n  context: {{cluster: {e.Name}, user: {e.Name}}}"),
        "users:",
        .. entries.Select(e => $"- name: {e.Name}\n  user: {{token: t}}"),
        "",
    ]);
}

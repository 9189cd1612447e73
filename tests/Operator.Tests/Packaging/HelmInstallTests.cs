using Tern.Sandbox;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The real helm v4 installs, lists, upgrades and uninstalls charts/tern against the loopback API server,
/// which stores the kinds the chart renders and serves the CRDs helm creates from the chart's crds/ folder.</summary>
public class HelmInstallTests
{
    [Fact]
    public async Task Helm_installs_upgrades_and_uninstalls_the_chart_against_the_sandbox()
    {
        var directory = Directory.CreateTempSubdirectory("tern-helm-sandbox-").FullName;
        await using var server = new LoopbackApiServer();
        await server.StartAsync();
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        try
        {
            var install = await Helm.RunAsync("install", "tern", Helm.Chart, "--kubeconfig", kubeconfig, "--namespace", "tern-system",
                "--create-namespace", "--set", "simulate=true");
            Assert.True(install.ExitCode == 0, install.Output);
            var objects = await KubectlAsync(kubeconfig, "get",
                "deployments,services,serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings",
                "-A", "-o", "name");
            foreach (var expected in new[] { "deployment.apps/tern", "service/tern-metrics", "serviceaccount/tern",
                "clusterrole.rbac.authorization.k8s.io/tern" })
            {
                Assert.Contains(expected, objects, StringComparison.Ordinal);
            }
            // The CRDs came from the chart and are served at once.
            Assert.Contains("serverlessworkflows", await KubectlAsync(kubeconfig, "api-resources", "--api-group", "tern.dev"),
                StringComparison.Ordinal);

            var list = await Helm.RunAsync("list", "--kubeconfig", kubeconfig, "-n", "tern-system");
            Assert.Matches(@"tern\s+tern-system\s+1\s+.*deployed\s+tern-0\.1\.0", list.Stdout);

            var upgrade = await Helm.RunAsync("upgrade", "tern", Helm.Chart, "--kubeconfig", kubeconfig, "-n", "tern-system", "--set",
                "simulate=true",
                "--set", "workers=4");
            Assert.True(upgrade.ExitCode == 0, upgrade.Output);
            Assert.Contains("--workers=4", await KubectlAsync(kubeconfig, "get", "deployment", "tern", "-n", "tern-system",
                "-o", "jsonpath={.spec.template.spec.containers[0].args}"), StringComparison.Ordinal);
            Assert.Matches(@"tern\s+tern-system\s+2\s", (await Helm.RunAsync("list", "--kubeconfig", kubeconfig, "-n", "tern-system")).Stdout);

            var uninstall = await Helm.RunAsync("uninstall", "tern", "--kubeconfig", kubeconfig, "-n", "tern-system");
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
            Assert.DoesNotContain("tern", await KubectlAsync(kubeconfig, "get", "deployments,secrets", "-n", "tern-system", "-o", "name"),
                StringComparison.Ordinal);
            Assert.DoesNotContain("tern", (await Helm.RunAsync("list", "--kubeconfig", kubeconfig,
                "-A")).Stdout.Split('\n').Skip(1).FirstOrDefault() ?? "",
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> KubectlAsync(string kubeconfig, params string[] arguments)
    {
        var result = await Tools.RunAsync(Tools.Kubectl, ["--kubeconfig", kubeconfig, .. arguments]);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {result.Output}");
        return result.Stdout;
    }
}

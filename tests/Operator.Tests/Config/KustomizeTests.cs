using System.Diagnostics;
using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Config;

public class KustomizeTests
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> Rendered = new(Render);

    private static IReadOnlyList<JsonObject> Render()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", RepoPaths.Of("config", "default")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start; the test command installs it (see README).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize config/default failed: {error}");
        return [.. YamlJson.ReadAll(output.Result).OfType<JsonObject>()];
    }

    private static JsonObject Single(string kind, string? name = null) =>
        Rendered.Value.Single(o => o["kind"]!.GetValue<string>() == kind && (name is null || o["metadata"]!["name"]!.GetValue<string>() == name));

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<string>())];

    [Fact]
    public void Renders_the_namespace_both_crds_rbac_and_the_deployment()
    {
        var kinds = Rendered.Value.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").Order().ToList();
        Assert.Equal(
        [
            "ClusterRole/tern-operator", "ClusterRoleBinding/tern-operator",
            "CustomResourceDefinition/carbonsources.tern.dev", "CustomResourceDefinition/serverlessworkflows.tern.dev",
            "Deployment/tern-operator", "Namespace/tern-system", "Role/tern-operator", "RoleBinding/tern-operator",
            "ServiceAccount/tern-operator",
        ], kinds);
    }

    [Fact]
    public void Every_namespaced_object_lives_in_tern_system()
    {
        string[] clusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];
        foreach (var item in Rendered.Value.Where(o => !clusterScoped.Contains(o["kind"]!.GetValue<string>())))
        {
            Assert.Equal("tern-system", item["metadata"]!["namespace"]?.GetValue<string>());
        }
    }

    [Fact]
    public void The_cluster_role_grants_only_the_two_resources_their_status_finalizers_and_events()
    {
        var rules = Single("ClusterRole")["rules"]!.AsArray();
        var resources = rules.SelectMany(r => Strings(r!["resources"])).Order().ToList();
        Assert.Equal(
        [
            "carbonsources", "carbonsources/finalizers", "carbonsources/status", "events",
            "serverlessworkflows", "serverlessworkflows/finalizers", "serverlessworkflows/status",
        ], resources);
        Assert.DoesNotContain(rules, r => Strings(r!["verbs"]).Contains("*") || Strings(r!["resources"]).Contains("*"));
        Assert.DoesNotContain(rules, r => Strings(r!["verbs"]).Contains("delete") || Strings(r!["verbs"]).Contains("create") && !Strings(r!["resources"]).Contains("events"));
        var finalizers = rules.Single(r => Strings(r!["resources"]).Contains("serverlessworkflows/finalizers"))!;
        Assert.Equal(["update"], Strings(finalizers["verbs"]));
    }

    [Fact]
    public void Secrets_configmaps_and_the_lease_are_granted_only_in_the_operators_namespace()
    {
        var role = Single("Role");
        Assert.Equal("tern-system", role["metadata"]!["namespace"]!.GetValue<string>());
        var byResource = role["rules"]!.AsArray().SelectMany(r => Strings(r!["resources"]).Select(res => (res, verbs: Strings(r!["verbs"])))).ToDictionary(x => x.res, x => x.verbs);
        Assert.Equal(["get", "list", "watch"], byResource["secrets"]);
        Assert.Equal(["get", "list", "watch"], byResource["configmaps"]);
        Assert.Contains("update", byResource["leases"]);
        var binding = Single("RoleBinding");
        Assert.Equal("tern-operator", binding["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("Role", binding["roleRef"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Both_bindings_name_the_operators_service_account_in_tern_system()
    {
        foreach (var kind in new[] { "ClusterRoleBinding", "RoleBinding" })
        {
            var subject = Single(kind)["subjects"]!.AsArray().Single()!;
            Assert.Equal("ServiceAccount", subject["kind"]!.GetValue<string>());
            Assert.Equal("tern-operator", subject["name"]!.GetValue<string>());
            Assert.Equal("tern-system", subject["namespace"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_deployment_runs_tern_as_non_root_with_probes_and_its_service_account()
    {
        var pod = Single("Deployment")["spec"]!["template"]!["spec"]!;
        Assert.Equal("tern-operator", pod["serviceAccountName"]!.GetValue<string>());
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        var container = pod["containers"]!.AsArray().Single()!;
        Assert.Equal(["run", "--simulate"], Strings(container["args"]));
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
    }

    [Fact]
    public void The_rendered_crds_are_the_generated_ones()
    {
        var rendered = Single("CustomResourceDefinition", "serverlessworkflows.tern.dev");
        var committed = YamlJson.ReadSingle(File.ReadAllText(RepoPaths.Of("config", "crds", "tern.dev_serverlessworkflows.yaml")));
        // kustomize adds the part-of label; the schema itself must pass through unchanged.
        Assert.True(JsonNode.DeepEquals(committed["spec"], rendered["spec"]));
        Assert.Equal("tern", rendered["metadata"]!["labels"]!["app.kubernetes.io/part-of"]!.GetValue<string>());
    }
}

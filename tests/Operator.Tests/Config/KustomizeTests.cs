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
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start; the test command installs it (see " +
            "README).");
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
    public void Renders_the_namespace_both_crds_rbac_the_deployment_and_the_metrics_service()
    {
        var kinds = Rendered.Value.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").Order().ToList();
        Assert.Equal(
        [
            "ClusterRole/tern-operator", "ClusterRoleBinding/tern-operator",
            "CustomResourceDefinition/carbonsources.tern.dev", "CustomResourceDefinition/serverlessworkflows.tern.dev",
            "Deployment/tern-operator", "Namespace/tern-system", "Role/tern-operator", "RoleBinding/tern-operator",
            "Service/tern-operator-metrics", "ServiceAccount/tern-operator",
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
    public void The_cluster_role_grants_exactly_the_verbs_the_code_calls()
    {
        // The mapping from verbs to the calls that need them is in config/rbac/cluster_role.yaml.
        var grants = RbacGrants.Of(Single("ClusterRole"));
        Assert.Equal(new SortedDictionary<string, string>
        {
            ["/events"] = "create,patch",
            ["tern.dev/carbonsources"] = "get,list,watch",
            ["tern.dev/carbonsources/status"] = "update",
            ["tern.dev/serverlessworkflows"] = "get,list,patch,watch",
            ["tern.dev/serverlessworkflows/status"] = "update",
        }, grants);
    }

    [Fact]
    public void Secrets_configmaps_and_the_lease_are_granted_only_in_the_operators_namespace_and_only_as_used()
    {
        var role = Single("Role");
        Assert.Equal("tern-system", role["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(new SortedDictionary<string, string>
        {
            ["/configmaps"] = "get",
            ["/secrets"] = "get",
            ["coordination.k8s.io/leases"] = "create",
            ["coordination.k8s.io/leases[tern-operator]"] = "get,update",
        }, RbacGrants.Of(role));
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
    public void The_deployment_runs_tern_under_the_restricted_pod_security_standard_with_probes_and_its_service_account()
    {
        var pod = Single("Deployment")["spec"]!["template"]!["spec"]!;
        Assert.Equal("tern-operator", pod["serviceAccountName"]!.GetValue<string>());
        var podSecurity = pod["securityContext"]!;
        Assert.True(podSecurity["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(65532, podSecurity["runAsUser"]!.GetValue<long>());
        Assert.Equal(65532, podSecurity["runAsGroup"]!.GetValue<long>());
        Assert.Equal("RuntimeDefault", podSecurity["seccompProfile"]!["type"]!.GetValue<string>());
        var container = pod["containers"]!.AsArray().Single()!;
        Assert.Equal(["run", "--workers=2", "--health-port=8081", "--metrics-port=8080"], Strings(container["args"]));
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "AWS_REGION");
        Assert.Equal("/healthz", container["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        var security = container["securityContext"]!;
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal(["ALL"], Strings(security["capabilities"]!["drop"]));
        var tmp = container["volumeMounts"]!.AsArray().Single(m => m!["mountPath"]!.GetValue<string>() == "/tmp")!;
        var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == tmp["name"]!.GetValue<string>())!;
        Assert.NotNull(volume["emptyDir"]);
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
    }

    [Fact]
    public void The_metrics_service_selects_the_operator_pod_and_its_metrics_port()
    {
        var service = Single("Service");
        var pod = Single("Deployment")["spec"]!["template"]!;
        foreach (var (label, value) in service["spec"]!["selector"]!.AsObject())
        {
            Assert.Equal(value!.GetValue<string>(), pod["metadata"]!["labels"]![label]!.GetValue<string>());
        }
        Assert.Equal("metrics", service["spec"]!["ports"]!.AsArray().Single()!["targetPort"]!.GetValue<string>());
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

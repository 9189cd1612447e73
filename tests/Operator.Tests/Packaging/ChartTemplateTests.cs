using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>`helm template` with the default values and with every feature on, checking the rendered fields.</summary>
public class ChartTemplateTests
{
    [Fact]
    public async Task The_defaults_render_the_service_account_rbac_the_deployment_and_the_metrics_service_only()
    {
        var objects = await Helm.TemplateAsync();
        Assert.Equal(
            [
                "ClusterRole/tern", "ClusterRoleBinding/tern", "Deployment/tern", "Role/tern", "RoleBinding/tern",
                "Service/tern-metrics", "ServiceAccount/tern",
            ],
            objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").Order(StringComparer.Ordinal));
        Assert.All(objects.Where(o => o["kind"]!.GetValue<string>() is not ("ClusterRole" or "ClusterRoleBinding")),
            o => Assert.Equal("tern-system", o["metadata"]!["namespace"]!.GetValue<string>()));
        var container = objects.Container();
        Assert.Equal(["run", "--workers=2", "--health-port=8081", "--metrics-port=8080"], Helm.Strings(container["args"]));
        Assert.Equal("ghcr.io/tern-dev/tern:0.1.0", container["image"]!.GetValue<string>());
        Assert.DoesNotContain(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>().StartsWith("AWS_", StringComparison.Ordinal));
        Assert.Null(objects.Single("ServiceAccount")["metadata"]!["annotations"]);
        Assert.Equal("tern", objects.Single("Deployment")["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_object_carries_the_recommended_labels_and_the_service_selects_the_pods()
    {
        var objects = await Helm.TemplateAllFeaturesAsync();
        foreach (var item in objects)
        {
            var labels = item["metadata"]!["labels"]!;
            Assert.Equal("carbon", labels["app.kubernetes.io/name"]!.GetValue<string>());
            Assert.Equal("tern", labels["app.kubernetes.io/instance"]!.GetValue<string>());
            Assert.Equal("0.1.0", labels["app.kubernetes.io/version"]!.GetValue<string>());
            Assert.Equal("Helm", labels["app.kubernetes.io/managed-by"]!.GetValue<string>());
            Assert.Equal("tern-0.1.0", labels["helm.sh/chart"]!.GetValue<string>());
        }
        var podLabels = objects.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!;
        var selectors = new[] { objects.Single("Service")["spec"]!["selector"]!, objects.Single("Deployment")["spec"]!["selector"]!["matchLabels"]! };
        foreach (var selector in selectors)
        {
            Assert.All(selector.AsObject(), l => Assert.Equal(l.Value!.GetValue<string>(), podLabels[l.Key]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Every_value_reaches_the_deployment()
    {
        var objects = await Helm.TemplateAllFeaturesAsync();
        var deployment = objects.Single("Deployment");
        Assert.Equal("platform", deployment["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("tern-operator", deployment["metadata"]!["name"]!.GetValue<string>());
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = objects.Container();
        Assert.Equal(
        [
            "run", "--simulate", "--workers=8", "--health-port=9091", "--metrics-port=9090", "--no-leader-election",
            "--health-bind-address=0.0.0.0", "--metrics-bind-address=0.0.0.0", "--log-level=Debug",
            "--placement-table=tern-placements-eu", "--aws-endpoint-url=http://moto.aws-emulation.svc:5000",
            "--registry-url=eu-north-1=https://111122223333.dkr.ecr.eu-north-1.amazonaws.com",
            "--registry-url=us-east-1=https://111122223333.dkr.ecr.us-east-1.amazonaws.com",
            "--allow-carbon-endpoint=api-access.electricitymaps.com", "--allow-carbon-endpoint=http://prometheus.monitoring:9090",
        ], Helm.Strings(container["args"]));
        var digest = string.Concat(Enumerable.Repeat("0123456789abcdef", 4));
        Assert.Equal($"registry.example.com/tern@sha256:{digest}", container["image"]!.GetValue<string>());
        Assert.Equal("Always", container["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal([9090L, 9091L], container["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<long>()));
        var env = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);
        Assert.Equal("eu-north-1", env["AWS_REGION"]["value"]!.GetValue<string>());
        (string Name, string Key)[] secrets =
            [("AWS_ACCESS_KEY_ID", "access-key-id"), ("AWS_SECRET_ACCESS_KEY", "secret-access-key"), ("AWS_SESSION_TOKEN", "session-token")];
        foreach (var (name, key) in secrets)
        {
            Assert.Equal("tern-aws", env[name]["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal(key, env[name]["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
            Assert.Null(env[name]["value"]);
        }
        Assert.Equal("0", env["DOTNET_gcServer"]["value"]!.GetValue<string>());
        Assert.Equal("tern-controller", pod["serviceAccountName"]!.GetValue<string>());
        Assert.Equal(10001, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.Equal("system-cluster-critical", pod["priorityClassName"]!.GetValue<string>());
        Assert.Equal(45, pod["terminationGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal("registry-credentials", pod["imagePullSecrets"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal("linux", pod["nodeSelector"]!["kubernetes.io/os"]!.GetValue<string>());
        Assert.Equal("platform", pod["tolerations"]!.AsArray().Single()!["value"]!.GetValue<string>());
        Assert.NotNull(pod["affinity"]!["nodeAffinity"]);
        Assert.Equal("1Gi", container["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("platform", deployment["spec"]!["template"]!["metadata"]!["labels"]!["example.com/cost-centre"]!.GetValue<string>());
        Assert.Equal("false", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["example.com/scrape"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_service_account_binds_to_both_roles_and_carries_the_irsa_role()
    {
        var objects = await Helm.TemplateAllFeaturesAsync();
        var account = objects.Single("ServiceAccount");
        Assert.Equal("tern-controller", account["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::111122223333:role/tern", account["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        foreach (var kind in new[] { "ClusterRoleBinding", "RoleBinding" })
        {
            var subject = objects.Single(kind)["subjects"]!.AsArray().Single()!;
            Assert.Equal("tern-controller", subject["name"]!.GetValue<string>());
            Assert.Equal("platform", subject["namespace"]!.GetValue<string>());
        }
        Assert.Equal("platform", objects.Single("Role")["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_service_monitor_rule_and_dashboard_render_when_enabled_with_their_labels_and_the_repository_files()
    {
        var objects = await Helm.TemplateAllFeaturesAsync();
        var monitor = objects.Single("ServiceMonitor");
        Assert.Equal("kube-prometheus-stack", monitor["metadata"]!["labels"]!["release"]!.GetValue<string>());
        var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Single()!;
        Assert.Equal("metrics", endpoint["port"]!.GetValue<string>());
        Assert.Equal("15s", endpoint["interval"]!.GetValue<string>());
        Assert.True(endpoint["honorLabels"]!.GetValue<bool>());
        Assert.Equal("cluster", endpoint["relabelings"]!.AsArray().Single()!["targetLabel"]!.GetValue<string>());
        Assert.Equal(["platform"], Helm.Strings(monitor["spec"]!["namespaceSelector"]!["matchNames"]));
        Assert.Equal("metrics", objects.Single("Service")["spec"]!["ports"]!.AsArray().Single()!["name"]!.GetValue<string>());

        var rule = objects.Single("PrometheusRule");
        var rules = YamlJson.ReadSingle(await File.ReadAllTextAsync(RepoPaths.Of("config", "prometheus", "tern-alerts.yaml")));
        Assert.True(JsonNode.DeepEquals(rules["groups"], rule["spec"]!["groups"]), "the PrometheusRule's groups differ from the rules file");

        var dashboard = objects.Single("ConfigMap");
        Assert.Equal("monitoring", dashboard["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("1", dashboard["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>());
        Assert.Equal("Tern", dashboard["metadata"]!["annotations"]!["grafana_folder"]!.GetValue<string>());
        var json = JsonNode.Parse(dashboard["data"]!["tern-dashboard.json"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Of("config", "grafana", "tern-dashboard.json"))), json));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task The_notes_warn_while_the_aws_region_is_missing_on_AWS(bool simulate, bool warns)
    {
        var result = await Helm.RunAsync("install", "tern", Helm.Chart, "--namespace", "tern-system", "--dry-run=client",
            "--set", $"simulate={simulate.ToString().ToLowerInvariant()}");
        Assert.True(result.ExitCode == 0, result.Output);
        var notes = result.Stdout[result.Stdout.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("kubectl -n tern-system rollout status deployment/tern", notes, StringComparison.Ordinal);
        Assert.Equal(warns, notes.Contains("WARNING: aws.region is empty", StringComparison.Ordinal));
        Assert.Equal(!simulate, notes.Contains("tern aws setup --aws-region <region>", StringComparison.Ordinal));
    }
}

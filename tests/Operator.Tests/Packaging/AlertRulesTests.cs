using System.Text.Json.Nodes;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>config/prometheus/tern-alerts.yaml through Debian's promtool: the rules load, and the unit tests in
/// config/prometheus/tests show every alert firing on the series that should fire it and silent otherwise.</summary>
public class AlertRulesTests
{
    private static readonly string Rules = RepoPaths.Of("config", "prometheus", "tern-alerts.yaml");
    private static readonly string RuleTests = RepoPaths.Of("config", "prometheus", "tests", "tern-alerts.test.yaml");

    [Fact]
    public async Task Promtool_checks_the_rules_file()
    {
        var result = await Tools.RunAsync(Tools.Promtool, ["check", "rules", Rules]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"SUCCESS: {Alerts().Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_passes_the_rules_unit_tests()
    {
        var result = await Tools.RunAsync(Tools.Promtool, ["test", "rules", RuleTests]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alerts_cover_expiry_stale_carbon_reconcile_errors_throttling_failing_copies_and_savings()
    {
        Assert.Superset(new HashSet<string>
        {
            "TernWorkflowPlanExpired", "TernCarbonSourceStale", "TernReconcileErrors", "TernAwsThrottling",
            "TernFunctionCopiesFailing", "TernCarbonSavingsBelowTarget",
        }, Alerts().Select(a => a["alert"]!.GetValue<string>()).ToHashSet());
        foreach (var alert in Alerts())
        {
            var name = alert["alert"]!.GetValue<string>();
            Assert.True(alert["for"] is not null, $"{name} has no `for`: one bad scrape would page");
            Assert.Matches("^(critical|warning|info)$", alert["labels"]!["severity"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(alert["annotations"]!["summary"]?.GetValue<string>()), name);
            Assert.False(string.IsNullOrWhiteSpace(alert["annotations"]!["description"]?.GetValue<string>()), name);
        }
    }

    [Fact]
    public void Every_alert_has_a_unit_test_where_it_fires_and_one_where_it_stays_silent()
    {
        var cases = YamlJson.ReadSingle(File.ReadAllText(RuleTests))["tests"]!.AsArray()
            .SelectMany(t => t!["alert_rule_test"]!.AsArray())
            .Select(c => (Name: c!["alertname"]!.GetValue<string>(), Fires: c["exp_alerts"] is JsonArray { Count: > 0 }))
            .ToList();
        foreach (var name in Alerts().Select(a => a["alert"]!.GetValue<string>()))
        {
            Assert.True(cases.Contains((name, true)), $"no unit test shows {name} firing");
            Assert.True(cases.Contains((name, false)), $"no unit test shows {name} silent");
        }
    }

    internal static List<JsonNode> Alerts() =>
        [.. YamlJson.ReadSingle(File.ReadAllText(Rules))["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!)];
}

using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>Every alert of config/prometheus/tern-alerts.yaml parses in the Prometheus that scrapes the operator and
/// names only metric families the operator serves (promtool unit-tests what the alerts do).</summary>
[Collection(ScrapedOperatorGroup.Name)]
public partial class AlertExpressionTests(ScrapedOperator run)
{
    [Fact]
    public async Task Every_alert_expression_parses_and_names_only_exported_metrics()
    {
        var alerts = Alert().Matches(File.ReadAllText(RepoPaths.Of("config", "prometheus", "tern-alerts.yaml"))).ToList();
        Assert.True(alerts.Count >= 8, $"found {alerts.Count} alerts");
        var exported = Exposition.Parse(await run.ScrapeAsync()).Families.Keys.ToHashSet();
        foreach (var alert in alerts)
        {
            var name = alert.Groups["name"].Value;
            var expression = string.Join(' ', alert.Groups["expr"].Value.Split('\n').Select(l => l.Trim()));
            await run.QueryAsync(expression);
            var unknown = MetricName().Matches(expression).Select(m => m.Value).Where(m => !exported.Contains(m)).ToList();
            Assert.True(unknown.Count == 0, $"{name} names {string.Join(", ", unknown)}, which /metrics does not have");
        }
    }

    [Fact]
    public async Task The_check_sees_an_unknown_metric_and_a_bad_expression()
    {
        var exported = Exposition.Parse(await run.ScrapeAsync()).Families.Keys.ToHashSet();
        Assert.DoesNotContain("tern_workflow_carbon_saved_total", exported);
        var (status, _) = await run.Prometheus.QueryAsync("max by (namespace (tern_workflow_plan_age_seconds)");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
    }

    // An alert's name and its expression: one line, or a folded block (>-) of indented lines.
    [GeneratedRegex(@"- alert: (?<name>\w+)\n\s+(#[^\n]*\n\s+)*expr: (>-\n)?(?<expr>([^\n]+\n)(\s{12,}[^\n]+\n)*)")]
    private static partial Regex Alert();

    [GeneratedRegex(@"\b(tern|controller_runtime|workqueue|leader_election)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}

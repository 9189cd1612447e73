using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>Every query of config/grafana/tern-dashboard.json, with its template variables set as a user of this run
/// would set them, runs against the real Prometheus that scrapes the operator and returns data.</summary>
[Collection(ScrapedOperatorGroup.Name)]
public partial class DashboardQueryTests(ScrapedOperator run)
{
    // The operator here runs with the simulated platform, which makes no AWS call: this panel is empty until one is made.
    // Its series are checked against moto by the AWS platform tests; here its queries must parse and be empty only
    // because /metrics has no AWS sample.
    private const string AwsPanel = "AWS requests and throttles";

    private static readonly Lazy<JsonObject> Dashboard =
        new(() => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("config", "grafana", "tern-dashboard.json")))!.AsObject());

    public static TheoryData<string> Panels => [.. PanelNodes.Select(p => p["title"]!.GetValue<string>())];

    private static IEnumerable<JsonNode> PanelNodes =>
        Dashboard.Value["panels"]!.AsArray().Select(p => p!).Where(p => p["type"]!.GetValue<string>() != "row");

    [Theory]
    [MemberData(nameof(Panels))]
    public async Task The_panel_s_queries_return_data(string title)
    {
        var panel = PanelNodes.Single(p => p["title"]!.GetValue<string>() == title);
        foreach (var target in panel["targets"]!.AsArray())
        {
            var expression = WithVariables(target!["expr"]!.GetValue<string>());
            var (status, body) = await run.Prometheus.QueryAsync(expression);
            Assert.True(status == System.Net.HttpStatusCode.OK, $"panel \"{title}\": Prometheus refused {expression}\n{body}");
            var result = JsonNode.Parse(body)!["data"]!["result"]!.AsArray();
            var values = result.Select(s => ScrapedOperator.ValueOf(s!)).Where(v => !double.IsNaN(v)).ToList();
            if (title == AwsPanel && values.Count == 0)
            {
                Assert.DoesNotContain("\ntern_aws_requests_total{", await run.ScrapeAsync(), StringComparison.Ordinal);
                continue;
            }
            Assert.True(values.Count > 0, $"panel \"{title}\" has no data: {expression} returned {result.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Every_variable_lists_the_values_of_this_run()
    {
        var variables = Dashboard.Value["templating"]!["list"]!.AsArray().Where(v => v!["type"]!.GetValue<string>() == "query").ToList();
        Assert.NotEmpty(variables);
        foreach (var variable in variables)
        {
            var definition = LabelValues().Match(variable!["definition"]!.GetValue<string>());
            Assert.True(definition.Success, $"variable {variable["name"]}: {variable["definition"]} is not label_values(selector, label)");
            var label = definition.Groups["label"].Value;
            var values = (await run.QueryAsync(WithVariables(definition.Groups["selector"].Value)))
                .Select(s => s!["metric"]![label]?.GetValue<string>()).OfType<string>().ToHashSet();
            var expected = variable["name"]!.GetValue<string>() switch
            {
                "namespace" => ScrapedOperator.Namespace,
                "workflow" => ScrapedOperator.Workflows[0],
                "carbonsource" => ScrapedOperator.CarbonSourceName,
                var other => throw new InvalidOperationException($"a new variable {other}: say which value of this run it must list"),
            };
            Assert.Contains(expected, values);
        }
    }

    /// <summary>The variables as a user looking at this run would have them: its namespace, every workflow, its carbon
    /// source, and windows that span the whole run (so rates see the plans made at its start).</summary>
    private string WithVariables(string expression)
    {
        var window = $"{Math.Max(60, (int)(DateTimeOffset.UtcNow - run.ScrapingSince).TotalSeconds + 30)}s";
        var substituted = expression
            .Replace("$__rate_interval", window, StringComparison.Ordinal)
            .Replace("$__interval", "15s", StringComparison.Ordinal)
            .Replace("$__range", window, StringComparison.Ordinal)
            .Replace("$namespace", ScrapedOperator.Namespace, StringComparison.Ordinal)
            .Replace("$workflow", string.Join('|', ScrapedOperator.Workflows), StringComparison.Ordinal)
            .Replace("$carbonsource", ScrapedOperator.CarbonSourceName, StringComparison.Ordinal);
        var unknown = UnknownVariable().Match(substituted);
        Assert.False(unknown.Success, $"{expression} uses {unknown.Value}, which this test does not set");
        return substituted;
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\$\{?\w+")]
    private static partial Regex UnknownVariable();
}

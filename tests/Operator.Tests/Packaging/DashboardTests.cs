using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>config/grafana/tern-dashboard.json: a datasource variable and no fixed data source, a query on every
/// panel, the panels the README promises, and every query accepted by a real Prometheus's PromQL parser.</summary>
public partial class DashboardTests(LoopbackPrometheus prometheus) : IClassFixture<LoopbackPrometheus>
{
    private static readonly Lazy<JsonObject> Dashboard =
        new(() => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("config", "grafana", "tern-dashboard.json")))!.AsObject());

    private static IEnumerable<JsonNode> Panels =>
        Dashboard.Value["panels"]!.AsArray().Select(p => p!).Where(p => p["type"]!.GetValue<string>() != "row");

    private static IEnumerable<(string Panel, string Expression)> Queries =>
        Panels.SelectMany(p => p["targets"]!.AsArray().Select(t => (p["title"]!.GetValue<string>(), t!["expr"]!.GetValue<string>())));

    [Fact]
    public void The_data_source_is_a_variable_of_type_prometheus_and_nothing_names_a_fixed_one()
    {
        var variables = Dashboard.Value["templating"]!["list"]!.AsArray();
        var datasource = Assert.Single(variables, v => v!["type"]!.GetValue<string>() == "datasource")!;
        Assert.Equal("datasource", datasource["name"]!.GetValue<string>());
        Assert.Equal("prometheus", datasource["query"]!.GetValue<string>());
        foreach (var node in Walk(Dashboard.Value).OfType<JsonObject>().Where(o => o["datasource"] is JsonObject))
        {
            var source = node["datasource"]!;
            if (source["type"]!.GetValue<string>() == "grafana")
            {
                continue;
            }
            Assert.Equal("prometheus", source["type"]!.GetValue<string>());
            Assert.Equal("${datasource}", source["uid"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_panel_has_a_query_a_unique_id_and_fits_the_grid()
    {
        Assert.NotEmpty(Panels);
        foreach (var panel in Panels)
        {
            var title = panel["title"]!.GetValue<string>();
            var targets = panel["targets"]?.AsArray();
            Assert.True(targets is { Count: > 0 }, $"panel \"{title}\" has no query");
            Assert.All(targets!, t => Assert.False(string.IsNullOrWhiteSpace(t!["expr"]?.GetValue<string>()), $"\"{title}\" has an empty query"));
            Assert.Equal(targets!.Count, targets.Select(t => t!["refId"]!.GetValue<string>()).Distinct().Count());
            var grid = panel["gridPos"]!;
            Assert.InRange(grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>(), 1, 24);
        }
        var ids = Dashboard.Value["panels"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_panels_show_savings_intensity_by_hour_and_on_a_map_placement_and_cost_and_p95_against_constraints()
    {
        var byTitle = Panels.ToDictionary(p => p["title"]!.GetValue<string>());
        Assert.Contains("tern_workflow_carbon_grams_per_invocation", Expressions(byTitle["Carbon saved over time"]), StringComparison.Ordinal);
        var hourly = Expressions(byTitle["Grid intensity by hour of day (g CO2e/kWh)"]);
        Assert.Contains("tern_region_carbon_intensity_hourly_grams_per_kwh", hourly, StringComparison.Ordinal);
        var map = byTitle["Grid intensity now, by region"];
        Assert.Equal("geomap", map["type"]!.GetValue<string>());
        var location = map["options"]!["layers"]!.AsArray().Single()!["location"]!;
        Assert.Equal("coords", location["mode"]!.GetValue<string>());
        // The coordinates come from tern_region_info's labels, which the query joins onto each region.
        Assert.Contains("group_left (latitude, longitude) tern_region_info", Expressions(map), StringComparison.Ordinal);
        Assert.Equal(["latitude", "longitude"], [location["latitude"]!.GetValue<string>(), location["longitude"]!.GetValue<string>()]);
        var placement = byTitle["Placement per time key"];
        Assert.Equal("table", placement["type"]!.GetValue<string>());
        Assert.Contains("tern_workflow_placement_info", Expressions(placement), StringComparison.Ordinal);
        var cost = Expressions(byTitle["Cost per invocation against constraints"]);
        Assert.Contains("tern_workflow_constraint_cost_usd_per_invocation", cost, StringComparison.Ordinal);
        var runtime = Expressions(byTitle["p95 run time against constraints"]);
        Assert.Contains("tern_workflow_constraint_runtime_p95_seconds", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_rejects_a_query_that_does_not_parse()
    {
        // Shows that the check below can fail.
        var (status, body) = await prometheus.QueryAsync("sum(rate(tern_workflow_invocations_total[5m])");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("parse error", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_panel_query_and_variable_query_parses_in_prometheus()
    {
        var variableSelectors = Dashboard.Value["templating"]!["list"]!.AsArray()
            .Where(v => v!["type"]!.GetValue<string>() == "query")
            .Select(v => (Panel: $"variable {v!["name"]}",
                Expression: LabelValues().Match(v["definition"]!.GetValue<string>()).Groups["selector"].Value));
        foreach (var (panel, expression) in Queries.Concat(variableSelectors))
        {
            Assert.False(string.IsNullOrEmpty(expression), panel);
            var (status, body) = await prometheus.QueryAsync(WithVariables(expression));
            Assert.True(status == HttpStatusCode.OK, $"{panel}: {expression}\n{body}");
        }
    }

    /// <summary>Grafana's variables as a user would have them: every namespace, workflow and source, a 5 m rate window.</summary>
    internal static string WithVariables(string expression) => expression
        .Replace("$__rate_interval", "5m", StringComparison.Ordinal)
        .Replace("$__interval", "1m", StringComparison.Ordinal)
        .Replace("$namespace", ".*", StringComparison.Ordinal)
        .Replace("$workflow", ".*", StringComparison.Ordinal)
        .Replace("$carbonsource", ".*", StringComparison.Ordinal);

    private static string Expressions(JsonNode panel) => string.Join("\n", panel["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()));

    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*\w+\)$")]
    private static partial Regex LabelValues();
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Tern.Entities.CarbonSources;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Hosting;
using Tern.Operator.Monitoring;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Packaging;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>One operator run watched by a real Prometheus, shared by the metrics tests: the operator runs the examples
/// against the loopback API server with the simulated platform, Debian's prometheus scrapes its /metrics every second,
/// and the fixture waits until every workflow is Ready and Prometheus has its series. Besides the examples there is
/// a workflow with a carbon limit (so a savings target is exported), and a workflow and a CarbonSource that a test
/// deletes.</summary>
public sealed class ScrapedOperator : IAsyncLifetime
{
    public const string Namespace = "default";
    public const string CarbonSourceName = "default";
    public const string WithTarget = "dna-visualization-target";
    public const string Deleted = "metrics-deleted";
    public const string DeletedSource = "metrics-deleted-source";

    /// <summary>The examples, planned with the static CarbonSource.</summary>
    public static readonly string[] Examples = ["dna-visualization", "image-processing", "text-2-speech-censoring", "video-analytics"];

    private OperatorHarness? _harness;

    public LoopbackPrometheus Prometheus { get; } = new();

    internal OperatorHarness Harness => _harness ?? throw new InvalidOperationException("the fixture has not started");

    internal OperatorHost Host { get; private set; } = null!;

    /// <summary>Every workflow the fixture keeps (the deleted one aside).</summary>
    public static IReadOnlyList<string> Workflows => [.. Examples, WithTarget];

    /// <summary>When Prometheus started scraping, for range windows that cover the whole run.</summary>
    public DateTimeOffset ScrapingSince { get; private set; }

    public async Task InitializeAsync()
    {
        _harness = await OperatorHarness.StartAsync();
        var metrics = new RuntimeMetrics();
        // As `tern run` does with the AWS platform: the AWS request counters live in the same registry.
        _ = new AwsCallMetrics(metrics.Registry);
        Host = Harness.StartOperator(metrics: metrics);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(Host.MetricsUri is not null), TimeSpan.FromSeconds(30), "/metrics is served");
        await Prometheus.StartAsync(ScrapeConfiguration(Host.MetricsUri!));
        ScrapingSince = DateTimeOffset.UtcNow;
        // Rates over the run see the plans only if a scrape before them holds the counters' starting values.
        await WaitForSeriesAsync("up{job=\"tern\"} == 1");

        await Harness.Client.CustomObjects.CreateClusterCustomObjectAsync(OperatorFixture.ToBody(Source(DeletedSource)),
            "tern.dev", "v1alpha1", "carbonsources");
        foreach (var name in Examples)
        {
            await Harness.ApplyAsync(OperatorFixture.Example(name));
        }
        await Harness.ApplyAsync(TargetWorkflow());
        await Harness.ApplyAsync(Renamed(OperatorFixture.Example("dna-visualization"), Deleted));
        foreach (var name in Workflows.Append(Deleted))
        {
            await Harness.WaitForAsync(name, OperatorHarness.IsReady, seconds: 240);
        }
        foreach (var name in Workflows.Append(Deleted))
        {
            await WaitForSeriesAsync($"tern_workflow_placement_info{{workflow=\"{name}\"}}");
        }
        await WaitForSeriesAsync($"tern_carbonsource_ready{{carbonsource=\"{DeletedSource}\"}} == 1");
    }

    /// <summary>The result of an instant query; fails when Prometheus refuses it.</summary>
    public async Task<JsonArray> QueryAsync(string expression)
    {
        var (status, body) = await Prometheus.QueryAsync(expression);
        Assert.True(status == HttpStatusCode.OK, $"Prometheus refused {expression}: {body}");
        return JsonNode.Parse(body)!["data"]!["result"]!.AsArray();
    }

    /// <summary>The single value of an instant query that must return one series.</summary>
    public async Task<double> ValueAsync(string expression)
    {
        var result = await QueryAsync(expression);
        Assert.True(result.Count == 1, $"{expression} returned {result.Count} series: {result.ToJsonString()}");
        return ValueOf(result[0]!);
    }

    public static double ValueOf(JsonNode series) => double.Parse(series["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>Waits until <paramref name="expression"/> returns at least one series.</summary>
    public Task WaitForSeriesAsync(string expression, int seconds = 60) =>
        OperatorFixture.WaitUntilAsync(async () => (await QueryAsync(expression)).Count > 0, TimeSpan.FromSeconds(seconds),
            $"Prometheus has {expression}");

    /// <summary>The workflow as the API server has it now.</summary>
    internal async Task<ServerlessWorkflow> WorkflowAsync(string name) =>
        await Harness.Workflows.GetAsync(new ResourceKey(Namespace, name), CancellationToken.None)
            ?? throw new InvalidOperationException($"workflow {name} is gone");

    /// <summary>The text the operator serves on /metrics now.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(Host.MetricsUri!, "/metrics"));
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    // honor_labels keeps the exported namespace label, as the chart's ServiceMonitor does.
    private static string ScrapeConfiguration(Uri metrics) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: tern
            honor_labels: true
            static_configs:
              - targets: ["{metrics.Host}:{metrics.Port}"]
        """;

    private static ServerlessWorkflow TargetWorkflow()
    {
        var workflow = Renamed(OperatorFixture.Example("dna-visualization"), WithTarget);
        var constraints = workflow.Spec.Constraints;
        workflow.Spec = workflow.Spec with
        {
            Constraints = constraints with
            {
                Soft = (constraints.Soft ?? new MetricLimits()) with { Carbon = new Limit { PercentOfHome = 80 } },
            },
        };
        return workflow;
    }

    private static ServerlessWorkflow Renamed(ServerlessWorkflow workflow, string name)
    {
        workflow.Metadata.Name = name;
        return workflow;
    }

    private static CarbonSource Source(string name)
    {
        var source = OperatorFixture.ExampleCarbonSource("carbonsource-static");
        source.Metadata.Name = name;
        return source;
    }
}

using System.Globalization;
using System.Text;
using Prometheus;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Monitoring;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>The workflow series from a status built by hand: which time key counts, what a workflow without a plan
/// has, how relative limits resolve, and that a workflow no longer given loses every series.</summary>
public class WorkflowMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 13, 30, 0, TimeSpan.Zero);
    private static readonly int[] StartHours = [0, 6, 12, 18];

    [Fact]
    public async Task Per_invocation_figures_are_those_of_the_time_key_in_effect()
    {
        var (registry, metrics) = New();
        metrics.Publish([Planned("dna-visualization")], Now);
        var text = await ExportAsync(registry);

        // 13:30 UTC falls in the key that starts at 12.
        Assert.Equal(12.5, Value(text, "tern_workflow_carbon_grams_per_invocation", "dna-visualization", ",placement=\"planned\""));
        Assert.Equal(20, Value(text, "tern_workflow_carbon_grams_per_invocation", "dna-visualization", ",placement=\"home\""));
        Assert.Equal(0.00012, Value(text, "tern_workflow_cost_usd_per_invocation", "dna-visualization", ",placement=\"planned\""));
        Assert.Equal(3.12, Value(text, "tern_workflow_runtime_p95_seconds", "dna-visualization", ",placement=\"planned\""));
        Assert.Equal(0.375, Value(text, "tern_workflow_carbon_savings_ratio", "dna-visualization"));
        Assert.Equal(1800, Value(text, "tern_workflow_plan_age_seconds", "dna-visualization"));
        Assert.Equal(Now.AddHours(23.5).ToUnixTimeSeconds(), Value(text, "tern_workflow_plan_expiry_timestamp_seconds", "dna-visualization"));
        Assert.Equal(1, Value(text, "tern_workflow_placement_info", "dna-visualization",
            ",function=\"visualize\",time_key=\"12\",region=\"eu-north-1\""));
    }

    [Fact]
    public async Task Relative_limits_resolve_against_home_in_the_key_in_effect()
    {
        var (registry, metrics) = New();
        // The example's limits: hard runtime 125 % of home (on the p95), soft cost 105 % of home (on the mean).
        metrics.Publish([Planned("dna-visualization")], Now);
        var text = await ExportAsync(registry);

        Assert.Equal(1.25 * 3.0, Value(text, "tern_workflow_constraint_runtime_p95_seconds", "dna-visualization", ",kind=\"hard\""), 9);
        Assert.Equal(1.05 * 0.0001, Value(text, "tern_workflow_constraint_cost_usd_per_invocation", "dna-visualization", ",kind=\"soft\""), 12);
        Assert.DoesNotContain("kind=\"hard\"} ", Lines(text, "tern_workflow_constraint_cost_usd_per_invocation"), StringComparison.Ordinal);
        Assert.DoesNotContain("tern_workflow_savings_target_ratio{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_without_a_plan_has_only_invocations_and_copies_and_one_no_longer_given_has_nothing()
    {
        var (registry, metrics) = New();
        var unplanned = OperatorFixture.Example("image-processing");
        unplanned.Status = new ServerlessWorkflowStatus
        {
            Invocations = new InvocationCounts { Total = 42 },
            Deployments = [new DeployedCopy { Function = "resize", Region = "us-east-1", FunctionName = "x", State = CopyState.Pending }],
        };
        metrics.Publish([Planned("dna-visualization"), unplanned], Now);
        var text = await ExportAsync(registry);
        Assert.Equal(42, Value(text, "tern_workflow_invocations_total", "image-processing"));
        Assert.Equal(1, Value(text, "tern_workflow_copies", "image-processing", ",state=\"Pending\""));
        Assert.Equal(0, Value(text, "tern_workflow_copies", "image-processing", ",state=\"Failed\""));
        Assert.DoesNotContain("workflow=\"image-processing\",placement", text, StringComparison.Ordinal);

        metrics.Publish([unplanned], Now);
        text = await ExportAsync(registry);
        Assert.DoesNotContain("workflow=\"dna-visualization\"", text, StringComparison.Ordinal);
        Assert.Contains("workflow=\"image-processing\"", text, StringComparison.Ordinal);
    }

    private static (CollectorRegistry Registry, WorkflowMetrics Metrics) New()
    {
        var registry = Metrics.NewCustomRegistry();
        return (registry, new WorkflowMetrics(registry));
    }

    // Four time keys; the one at 12 plans 12.5 g against 20 g at home.
    private static ServerlessWorkflow Planned(string name)
    {
        var workflow = OperatorFixture.Example(name);
        var home = new Estimates { RuntimeMeanSeconds = 2, RuntimeP95Seconds = 3, CostUsd = 0.0001, CarbonGrams = 20 };
        workflow.Status = new ServerlessWorkflowStatus
        {
            Invocations = new InvocationCounts { Total = 7 },
            Plan = new PlanStatus
            {
                GeneratedAt = Now.AddMinutes(-30),
                ExpiresAt = Now.AddHours(23.5),
                Algorithm = PlanningAlgorithm.FineGrained,
                Summary = "FineGrained: eu-north-1",
                CarbonSavings = "37.5%",
                TimeKeys = [.. StartHours.Select(hour => new TimeKeyPlan
                {
                    StartHour = hour,
                    Placement = new Dictionary<string, string> { ["visualize"] = hour == 12 ? "eu-north-1" : "us-east-1" },
                    Estimates = home with { CarbonGrams = hour == 12 ? 12.5 : 19, CostUsd = 0.00012, RuntimeP95Seconds = 3.12 },
                    Home = home,
                })],
            },
        };
        return workflow;
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Lines(string text, string metric) =>
        string.Join('\n', text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal)));

    private static double Value(string text, string metric, string workflow, string labels = "")
    {
        var prefix = $"{metric}{{namespace=\"default\",workflow=\"{workflow}\"{labels}}} ";
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"no {prefix} in\n{text}");
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}

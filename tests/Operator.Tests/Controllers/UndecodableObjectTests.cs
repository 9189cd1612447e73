using k8s;
using Microsoft.Extensions.Logging;
using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

/// <summary>Objects stored without validation that the operator cannot decode: each gets a Warning event and a metric,
/// is skipped, and nothing else stops. The objects are written as raw JSON, as `kubectl create --raw` would.</summary>
public class UndecodableObjectTests
{
    [Fact]
    public async Task A_workflow_broken_after_it_was_planned_is_skipped_until_fixed_and_its_status_stays_on_the_planned_generation()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var lines = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(lines));
        var host = harness.StartOperator(loggers: loggers);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var planned = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);

        // A real API server refuses it; the sandbox stores it anyway, as objects written before a schema change are stored.
        harness.Server.Faults.SkipValidationOfNextWrites(1);
        await RawObjects.SetWorkflowFieldAsync(harness.Client, "dna-visualization", "/spec/functions/0/memoryMiB", "lots");

        var warning = await harness.WaitForEventAsync("dna-visualization", "DecodeFailed");
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("spec.functions[0].memoryMiB has a value of the wrong type (\"lots\")", warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Metrics.DecodeErrors.WithLabels("ServerlessWorkflow").Value);
        // Other workflows keep being reconciled.
        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));
        await harness.WaitForAsync("image-processing", OperatorHarness.IsReady);
        var broken = await harness.Client.CustomObjects.GetNamespacedCustomObjectAsync("tern.dev", "v1alpha1", "default", "serverlessworkflows",
            "dna-visualization");
        var status = System.Text.Json.JsonSerializer.SerializeToNode(broken)!["status"]!;
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal(planned.Status!.Plan!.GeneratedAt, status["plan"]!["generatedAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain(lines.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains("watch failed", StringComparison.Ordinal));

        // Fixed, it is reconciled again, at its new generation.
        await RawObjects.SetWorkflowFieldAsync(harness.Client, "dna-visualization", "/spec/functions/0/memoryMiB", 2048);
        var fixedUp = await harness.WaitForAsync("dna-visualization", w => OperatorHarness.IsReady(w) && w.Metadata.Generation == 3);
        Assert.Equal(3, fixedUp.Status!.ObservedGeneration);
    }

    [Fact]
    public async Task A_carbon_source_with_a_boolean_zone_override_is_skipped_and_the_default_one_still_serves_workflows()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var source = OperatorFixture.ExampleCarbonSource("carbonsource-static");
        source.Metadata.Name = "broken";
        // A real API server refuses it; the sandbox stores it anyway, as objects written before a schema change are stored.
        harness.Server.Faults.SkipValidationOfNextWrites(1);
        await harness.Client.CustomObjects.CreateClusterCustomObjectAsync(RawObjects.With(source, "spec/zoneOverrides/us-east-1", true),
            "tern.dev", "v1alpha1", "carbonsources");
        var host = harness.StartOperator();

        var warning = await harness.WaitForEventAsync("broken", "DecodeFailed");
        Assert.Contains("spec.zoneOverrides", warning.Message, StringComparison.Ordinal);
        Assert.Equal("CarbonSource", warning.InvolvedObject.Kind);
        Assert.Equal(1, host.Metrics.DecodeErrors.WithLabels("CarbonSource").Value);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        var ready = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        Assert.Contains(ready.Status!.Conditions, c => c.Type == WorkflowConditionTypes.Ready && c.Status == ConditionStatus.True);
    }
}

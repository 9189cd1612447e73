using Tern.Entities.Conditions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Controllers;
using Tern.Operator.Platform;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

/// <summary>Planning runs beside the workers, within a budget: a workflow that is slow to plan holds no worker, and
/// one that outruns the budget says so and keeps its placement.</summary>
public class PlanningBudgetTests
{
    [Fact]
    public async Task A_plan_that_outruns_its_budget_is_stopped_reported_and_the_home_placement_is_kept_while_a_single_worker_serves_others()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var budget = TimeSpan.FromSeconds(8);
        var host = harness.StartOperator(configure: o => o with { Workers = 1 },
            workflows: OperatorHarness.FastWorkflows with { Planning = new PlanningLimits { Budget = budget, Concurrency = 2 } });
        await harness.ApplyAsync(OperatorFixture.SlowToPlan("slow"));
        // The home placement is published in the reconcile that asks for the first plan.
        var id = new WorkflowId("default", "slow");
        await OperatorFixture.WaitUntilAsync(async () => await harness.Platform.GetPlacementAsync(id, default) is not null,
            TimeSpan.FromSeconds(20), "the slow workflow runs at home and its plan is asked for");

        // With the only worker free, another workflow is planned, deployed and Ready while the slow plan runs.
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        var slow = await harness.Workflows.GetAsync(new("default", "slow"), default);
        Assert.DoesNotContain(slow!.Status?.Conditions ?? [], c => c.Reason == "PlanningTimedOut");

        var timedOut = await harness.WaitForAsync("slow", w => w.Status?.Conditions.Any(c => c.Reason == "PlanningTimedOut") == true, seconds: 60);
        var planned = timedOut.Status!.Conditions.Single(c => c.Type == WorkflowConditionTypes.Planned);
        Assert.Equal(ConditionStatus.False, planned.Status);
        Assert.Contains("budget", planned.Message, StringComparison.Ordinal);
        Assert.Contains("its home placement", planned.Message, StringComparison.Ordinal);
        Assert.Null(timedOut.Status.Plan);
        Assert.Equal(1, host.TernMetrics.Planner.Timeouts.Value);
        Assert.InRange(host.TernMetrics.Planner.Seconds.Sum, 0, (budget * 3).TotalSeconds);
        var published = await harness.Platform.GetPlacementAsync(id, default);
        Assert.All(published!.Targets, t => Assert.Equal("us-east-1", t.Region));
        Assert.All(timedOut.Status.Deployments, d => Assert.Equal(CopyState.Active, d.State));
        await harness.WaitForEventAsync("slow", "PlanningTimedOut");
    }
}

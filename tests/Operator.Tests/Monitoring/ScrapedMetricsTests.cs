using System.Globalization;
using k8s;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>What a real Prometheus scraped from the operator equals what the controllers wrote: the workflows' status
/// (plan, estimates of the time key in effect, copies, invocations), the CarbonSource's snapshot, and the spec's limits;
/// and a deleted workflow or CarbonSource leaves no series behind.</summary>
[Collection(ScrapedOperatorGroup.Name)]
public class ScrapedMetricsTests(ScrapedOperator run)
{
    public static TheoryData<string> Workflows => [.. ScrapedOperator.Workflows];

    [Theory]
    [MemberData(nameof(Workflows))]
    public async Task Per_invocation_estimates_are_the_status_estimates_of_the_time_key_in_effect(string name)
    {
        await EventuallyAsync(async () =>
        {
            var key = Current(await run.WorkflowAsync(name));
            var problems = new List<string>();
            foreach (var (metric, value) in new (string, Func<Estimates, double>)[]
            {
                ("tern_workflow_carbon_grams_per_invocation", e => e.CarbonGrams),
                ("tern_workflow_cost_usd_per_invocation", e => e.CostUsd),
                ("tern_workflow_runtime_p95_seconds", e => e.RuntimeP95Seconds),
            })
            {
                await Compare(problems, $"{metric}{{{Of(name)}, placement=\"planned\"}}", value(key.Estimates));
                await Compare(problems, $"{metric}{{{Of(name)}, placement=\"home\"}}", value(key.Home));
            }
            return problems;
        });
    }

    [Fact]
    public async Task Plan_expiry_age_and_savings_are_the_published_plan_s()
    {
        await EventuallyAsync(async () =>
        {
            var problems = new List<string>();
            foreach (var name in ScrapedOperator.Workflows)
            {
                var plan = (await run.WorkflowAsync(name)).Status!.Plan!;
                await Compare(problems, $"tern_workflow_plan_expiry_timestamp_seconds{{{Of(name)}}}",
                    plan.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0);
                var percent = double.Parse(plan.CarbonSavings.TrimEnd('%'), CultureInfo.InvariantCulture);
                await Compare(problems, $"tern_workflow_carbon_savings_ratio{{{Of(name)}}}", percent / 100);
                var age = await run.ValueAsync($"tern_workflow_plan_age_seconds{{{Of(name)}}}");
                if (age < 0 || age > (DateTimeOffset.UtcNow - plan.GeneratedAt).TotalSeconds + 1)
                {
                    problems.Add($"{name}: plan age {age} s, generated at {plan.GeneratedAt:O}");
                }
            }
            return problems;
        });
    }

    [Fact]
    public async Task Constraint_limits_are_the_spec_s_resolved_against_home_and_a_carbon_limit_is_a_savings_target()
    {
        // dna-visualization: hard runtime 125 % of home (on the p95), soft cost 105 % of home (on the mean); no carbon limit.
        await EventuallyAsync(async () =>
        {
            var home = Current(await run.WorkflowAsync("dna-visualization")).Home;
            var target = Current(await run.WorkflowAsync(ScrapedOperator.WithTarget)).Home;
            var problems = new List<string>();
            await Compare(problems, $"tern_workflow_constraint_runtime_p95_seconds{{{Of("dna-visualization")}, kind=\"hard\"}}",
                1.25 * home.RuntimeP95Seconds);
            await Compare(problems, $"tern_workflow_constraint_cost_usd_per_invocation{{{Of("dna-visualization")}, kind=\"soft\"}}",
                1.05 * home.CostUsd);
            await Compare(problems, $"tern_workflow_savings_target_ratio{{{Of(ScrapedOperator.WithTarget)}}}", 0.2);
            await Compare(problems, $"tern_workflow_constraint_cost_usd_per_invocation{{{Of(ScrapedOperator.WithTarget)}, kind=\"soft\"}}",
                1.05 * target.CostUsd);
            return problems;
        });
        Assert.Empty(await run.QueryAsync($"tern_workflow_constraint_cost_usd_per_invocation{{{Of("dna-visualization")}, kind=\"hard\"}}"));
        Assert.Empty(await run.QueryAsync($"tern_workflow_constraint_runtime_p95_seconds{{{Of("dna-visualization")}, kind=\"soft\"}}"));
        var targets = await run.QueryAsync("tern_workflow_savings_target_ratio");
        Assert.Equal([ScrapedOperator.WithTarget], targets.Select(s => s!["metric"]!["workflow"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public async Task Placement_info_is_the_published_plan_per_time_key(string name)
    {
        await EventuallyAsync(async () =>
        {
            var plan = (await run.WorkflowAsync(name)).Status!.Plan!;
            var expected = plan.TimeKeys.SelectMany(k => k.Placement.Select(p => $"{p.Key}@{k.StartHour}->{p.Value}")).Order(StringComparer.Ordinal);
            var scraped = (await run.QueryAsync($"tern_workflow_placement_info{{{Of(name)}}} == 1"))
                .Select(s => s!["metric"]!)
                .Select(m => $"{m["function"]}@{m["time_key"]}->{m["region"]}").Order(StringComparer.Ordinal);
            return expected.SequenceEqual(scraped) ? [] : [$"{name}: plan {string.Join(", ", expected)}; scraped {string.Join(", ", scraped)}"];
        });
    }

    [Fact]
    public async Task Copies_by_state_and_invocations_are_the_status_s()
    {
        await EventuallyAsync(async () =>
        {
            var problems = new List<string>();
            foreach (var name in ScrapedOperator.Workflows)
            {
                var status = (await run.WorkflowAsync(name)).Status!;
                foreach (var state in Enum.GetValues<CopyState>())
                {
                    await Compare(problems, $"tern_workflow_copies{{{Of(name)}, state=\"{state}\"}}",
                        status.Deployments.Count(d => d.State == state));
                }
                await Compare(problems, $"tern_workflow_invocations_total{{{Of(name)}}}", status.Invocations!.Total);
            }
            return problems;
        });
        Assert.True(await run.ValueAsync($"sum(tern_workflow_copies{{{Of("video-analytics")}, state=\"Active\"}})") > 0);
    }

    [Fact]
    public async Task Grid_intensity_now_and_by_hour_is_the_carbon_source_snapshot()
    {
        var entry = run.Host.CarbonSnapshots.Find(ScrapedOperator.CarbonSourceName);
        Assert.NotNull(entry);
        Assert.NotEmpty(entry.Regions);
        await EventuallyAsync(async () =>
        {
            var problems = new List<string>();
            var source = $"carbonsource=\"{ScrapedOperator.CarbonSourceName}\"";
            Assert.Equal(entry.Regions.Count(r => r.LatestGramsPerKwh is not null),
                (await run.QueryAsync($"tern_region_carbon_intensity_grams_per_kwh{{{source}}}")).Count);
            foreach (var region in entry.Regions)
            {
                if (region.LatestGramsPerKwh is { } latest)
                {
                    await Compare(problems, $"tern_region_carbon_intensity_grams_per_kwh{{{source}, region=\"{region.Region}\"}}", latest);
                }
                var hourly = await run.QueryAsync($"tern_region_carbon_intensity_hourly_grams_per_kwh{{{source}, region=\"{region.Region}\"}}");
                var scraped = hourly.OrderBy(s => int.Parse(s!["metric"]!["hour"]!.GetValue<string>(), CultureInfo.InvariantCulture))
                    .Select(s => ScrapedOperator.ValueOf(s!)).ToList();
                if (!scraped.SequenceEqual(region.HourlyGramsPerKwh))
                {
                    problems.Add($"{region.Region} by hour: snapshot {string.Join(", ", region.HourlyGramsPerKwh)}; " +
                        $"scraped {string.Join(", ", scraped)}");
                }
            }
            await Compare(problems, $"tern_carbonsource_ready{{{source}}}", 1);
            await Compare(problems, $"tern_carbonsource_last_refresh_timestamp_seconds{{{source}}}",
                ApiTime.ToSecond(entry.LastSuccess!.Value).ToUnixTimeSeconds());
            return problems;
        });
    }

    [Fact]
    public async Task Every_region_has_its_location()
    {
        var regions = await run.QueryAsync("tern_region_info");
        Assert.Equal(RegionCatalogue.Bundled.All.Count, regions.Count);
        var stockholm = RegionCatalogue.Bundled.All.Single(r => r.Code == "eu-north-1");
        var labels = regions.Select(s => s!["metric"]!).Single(m => m["region"]!.GetValue<string>() == "eu-north-1");
        Assert.Equal(stockholm.Latitude, double.Parse(labels["latitude"]!.GetValue<string>(), CultureInfo.InvariantCulture), 4);
        Assert.Equal(stockholm.Longitude, double.Parse(labels["longitude"]!.GetValue<string>(), CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task The_planner_s_time_and_evaluations_count_every_plan()
    {
        Assert.True(await run.ValueAsync("tern_planner_duration_seconds_count") >= ScrapedOperator.Workflows.Count + 1);
        Assert.True(await run.ValueAsync("tern_planner_evaluations_total") > 0);
        Assert.Equal(0, await run.ValueAsync("tern_planning_timeouts_total"));
    }

    [Fact]
    public async Task Deleting_a_workflow_or_a_carbon_source_removes_its_series()
    {
        var workflow = $"{{workflow=\"{ScrapedOperator.Deleted}\"}}";
        var source = $"{{carbonsource=\"{ScrapedOperator.DeletedSource}\"}}";
        Assert.NotEmpty(await run.QueryAsync(workflow));
        Assert.NotEmpty(await run.QueryAsync(source));

        await run.Harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync<object>("tern.dev", "v1alpha1", ScrapedOperator.Namespace,
            "serverlessworkflows", ScrapedOperator.Deleted);
        await run.Harness.Client.CustomObjects.DeleteClusterCustomObjectAsync<object>("tern.dev", "v1alpha1", "carbonsources",
            ScrapedOperator.DeletedSource);

        await OperatorFixture.WaitUntilAsync(async () => (await run.QueryAsync(workflow)).Count == 0 && (await run.QueryAsync(source)).Count == 0,
            TimeSpan.FromSeconds(60), "Prometheus has no series of the deleted workflow and CarbonSource");
        var scraped = await run.ScrapeAsync();
        Assert.DoesNotContain($"workflow=\"{ScrapedOperator.Deleted}\"", scraped, StringComparison.Ordinal);
        Assert.DoesNotContain($"carbonsource=\"{ScrapedOperator.DeletedSource}\"", scraped, StringComparison.Ordinal);
        // The others are still there.
        Assert.NotEmpty(await run.QueryAsync($"tern_workflow_placement_info{{workflow=\"{ScrapedOperator.Examples[0]}\"}}"));
    }

    private static string Of(string workflow) => $"namespace=\"{ScrapedOperator.Namespace}\", workflow=\"{workflow}\"";

    // The time keys are in order of start hour and the first starts at 0, as the operator assumes.
    private static TimeKeyPlan Current(ServerlessWorkflow workflow) =>
        workflow.Status!.Plan!.TimeKeys.Last(k => k.StartHour <= DateTimeOffset.UtcNow.Hour);

    private async Task Compare(List<string> problems, string expression, double expected)
    {
        var result = await run.QueryAsync(expression);
        if (result.Count != 1)
        {
            problems.Add($"{expression}: {result.Count} series, expected one of value {expected}");
        }
        else if (ScrapedOperator.ValueOf(result[0]!) is var value && Math.Abs(value - expected) > 1e-9 * Math.Max(1, Math.Abs(expected)))
        {
            problems.Add($"{expression} = {value}, expected {expected}");
        }
    }

    // The status can move on between reading it and the next scrape (a reconcile records invocations, the hour turns),
    // so a comparison is retried for a while; it fails with the last differences seen.
    private static async Task EventuallyAsync(Func<Task<List<string>>> differences)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        List<string> last;
        do
        {
            last = await differences();
            if (last.Count == 0)
            {
                return;
            }
            await Task.Delay(500);
        }
        while (DateTimeOffset.UtcNow < deadline);
        Assert.Fail(string.Join("\n", last));
    }
}

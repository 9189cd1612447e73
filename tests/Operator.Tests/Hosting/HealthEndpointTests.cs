using System.Net;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;
using Tern.Sandbox;

namespace Tern.Operator.Tests.Hosting;

/// <summary>/healthz, /readyz and /metrics as the kubelet and Prometheus see them.</summary>
public class HealthEndpointTests
{
    [Fact]
    public async Task Health_readiness_and_metrics_are_served_with_controller_runtimes_names()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator();
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.HealthUri is not null), TimeSpan.FromSeconds(5), "the endpoints are up");

        using var http = new HttpClient { BaseAddress = host.HealthUri };
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        Assert.Equal("ok", await http.GetStringAsync("/readyz"));
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("controller_runtime_reconcile_total{controller=\"serverlessworkflow\",result=\"requeue_after\"}", metrics,
            StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "controller_runtime_reconcile_time_seconds_bucket", "controller_runtime_reconcile_panics_total",
            "controller_runtime_reconcile_timeouts_total", "controller_runtime_active_workers", "controller_runtime_max_concurrent_reconciles",
            "workqueue_adds_total{name=\"carbonsource\"}", "workqueue_depth", "workqueue_queue_duration_seconds_bucket",
            "workqueue_work_duration_seconds_bucket", "workqueue_unfinished_work_seconds", "workqueue_longest_running_processor_seconds",
            "workqueue_retries_total", "tern_planner_duration_seconds_bucket",
        })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Healthz_fails_while_the_watches_cannot_reach_the_api_server_and_recovers_after()
    {
        await using var harness = await OperatorHarness.StartAsync();
        // Watches this short are silent for at most 2 s when healthy; /healthz fails after twice that without an answer.
        var host = harness.StartOperator(configure: o => o with
        {
            Informer = OperatorHarness.FastInformers with { WatchTimeoutSeconds = 2, IdleTimeout = TimeSpan.FromSeconds(2) },
        });
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.HealthUri is not null && host.IsReady), TimeSpan.FromSeconds(10), "ready");
        using var http = new HttpClient { BaseAddress = host.HealthUri, Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        harness.Server.Faults.TakeDown(OutageAnswer.ServiceUnavailable, TimeSpan.Zero, OperatorHarness.UserAgentOf("operator-1"));
        string? problem = null;
        await OperatorFixture.WaitUntilAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            problem = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.InternalServerError;
        }, TimeSpan.FromSeconds(20), "/healthz fails");
        Assert.Contains("watch has not reached the API server", problem, StringComparison.Ordinal);

        harness.Server.Faults.EndOutage();
        await OperatorFixture.WaitUntilAsync(async () => (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), "/healthz recovers");
    }

    [Fact]
    public async Task Health_and_metrics_can_listen_on_different_addresses()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var host = harness.StartOperator(configure: o => o with { HealthBindAddress = "127.0.0.1", MetricsBindAddress = "::1" });
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(host.MetricsUri is not null), TimeSpan.FromSeconds(10), "the endpoints are up");

        Assert.Equal("127.0.0.1", host.HealthUri!.Host);
        Assert.Equal("[::1]", host.MetricsUri!.Host);
        using var http = new HttpClient();
        Assert.Contains("controller_runtime", await http.GetStringAsync(new Uri(host.MetricsUri, "/metrics")), StringComparison.Ordinal);
        Assert.Equal("ok", await http.GetStringAsync(new Uri(host.HealthUri, "/healthz")));
        Assert.Empty(host.Problems);
    }
}

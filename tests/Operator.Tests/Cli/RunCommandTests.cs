using System.CommandLine;
using k8s;
using Tern.Operator.Cli;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class RunCommandTests
{
    [Fact]
    public async Task Tern_run_with_a_kubeconfig_reconciles_against_the_api_server_and_stops_cleanly()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("tern-run-").FullName, "config");
        await File.WriteAllTextAsync(kubeconfig, string.Join("\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: loopback",
            $"  cluster: {{server: \"{harness.Server.BaseUri}\"}}",
            "contexts:",
            "- name: loopback",
            "  context: {cluster: loopback, user: tester}",
            "current-context: loopback",
            "users:",
            "- name: tester",
            "  user: {token: loopback-does-not-check}"));
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var run = TernCli.Build()
            .Parse(["run", "--simulate", "--kubeconfig", kubeconfig, "--no-leader-election", "--health-port", "-1", "--metrics-port", "-1"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await Task.Delay(2000);
        Assert.False(run.IsCompleted, $"tern run ended early: {output}");
        var ready = await harness.WaitForAsync("dna-visualization", OperatorHarness.IsReady, seconds: 60);
        Assert.Equal(24, ready.Status!.Plan!.TimeKeys.Count);
        var published = await harness.WaitForEventAsync("dna-visualization", "PlanPublished");
        Assert.Equal("Normal", published.Type);

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task A_kubeconfig_that_cannot_be_used_is_a_clear_error()
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run", "--simulate", "--kubeconfig", "/nonexistent/kubeconfig"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains("cannot use the kubeconfig", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tern_run_without_simulate_says_the_aws_platform_is_missing()
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains("run with --simulate", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_carbon_endpoint_that_is_not_a_host_is_a_usage_error()
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run", "--simulate", "--allow-carbon-endpoint", "https://carbon.example.test/v3"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.StartsWith("tern run: --allow-carbon-endpoint 'https://carbon.example.test/v3' is not a host", output.ToString(), StringComparison.Ordinal);
    }
}

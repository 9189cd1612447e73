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
        var kubeconfig = await harness.WriteKubeconfigAsync();
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
        var exit = await TernCli.Build().Parse(["run", "--simulate", "--kubeconfig",
            "/nonexistent/kubeconfig"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains("cannot use the kubeconfig", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--health-bind-address", "localhost")]
    [InlineData("--metrics-bind-address", "metrics.local")]
    public async Task A_bind_address_that_is_not_an_ip_address_is_a_clear_error(string flag, string address)
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run", "--simulate", flag, address])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains($"{flag} '{address}' is not an IP address", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--registry-url=eu-west-1", "--registry-url 'eu-west-1' is not REGION=URL")]
    [InlineData("--aws-endpoint-url=localhost:5000", "--aws-endpoint-url 'localhost:5000' is not an absolute http or https URL")]
    [InlineData("--aws-region=Ireland", "--aws-region 'Ireland' is not an AWS region name")]
    [InlineData("--placement-table=a b", "--placement-table 'a b' is not a DynamoDB table name")]
    public async Task A_malformed_AWS_flag_is_a_usage_error_that_names_the_flag(string flag, string message)
    {
        var output = new StringWriter();
        string[] region = flag.StartsWith("--aws-region", StringComparison.Ordinal) ? [] : ["--aws-region=eu-west-1"];
        var exit = await TernCli.Build().Parse(["run", flag, .. region]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_without_simulate_needs_an_emulator_and_never_reaches_an_AWS_account()
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run", "--sandbox"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.Contains("add --simulate (simulated Lambda copies) or --aws-endpoint-url", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_carbon_endpoint_that_is_not_a_host_is_a_usage_error()
    {
        var output = new StringWriter();
        var exit = await TernCli.Build().Parse(["run", "--simulate", "--allow-carbon-endpoint", "https://carbon.example.test/v3"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(RunCommand.ExitUsage, exit);
        Assert.StartsWith("tern run: --allow-carbon-endpoint 'https://carbon.example.test/v3' is not a host", output.ToString(),
            StringComparison.Ordinal);
    }
}

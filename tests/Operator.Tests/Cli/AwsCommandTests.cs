using System.CommandLine;
using Amazon.DynamoDBv2;
using Tern.Operator.Cli;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern aws setup` as a user runs it: a child process whose credentials come from the environment, against
/// moto with signature checking on.</summary>
[Collection(AwsGroup.Name)]
public sealed class AwsCommandTests(AwsWorld world)
{
    private const string Region = "eu-west-1";

    [SkippableFact]
    public async Task Setup_creates_the_tables_with_on_demand_billing_once_and_a_second_run_finds_them()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        string[] setup = ["aws", "setup", "--aws-endpoint-url", world.Moto.Endpoint.ToString(), "--aws-region", Region,
            "--placement-table", "setup-placements", "--invocation-table", "setup-invocations"];

        var (firstExit, first) = await TernProcess.RunAsync(setup, world.ChildEnvironment(), TimeSpan.FromMinutes(3));
        await world.Moto.ClearRequestsAsync();
        var (secondExit, second) = await TernProcess.RunAsync(setup, world.ChildEnvironment(), TimeSpan.FromMinutes(3));

        Assert.True(firstExit == 0, first);
        Assert.Contains("table setup-placements: created (on-demand billing), ACTIVE", first, StringComparison.Ordinal);
        Assert.Contains("table setup-invocations: created (on-demand billing), ACTIVE", first, StringComparison.Ordinal);
        foreach (var action in new[] { "dynamodb:PutItem", "lambda:DeleteFunction", "lambda:TagResource", "ecr:GetAuthorizationToken" })
        {
            Assert.Contains($"allowed      {action}\n", first, StringComparison.Ordinal);
        }
        Assert.Contains("not checked  lambda:CreateFunction: cannot be tried without creating something", first, StringComparison.Ordinal);
        Assert.Contains("Tern's tables are ready and every checked action is allowed.", first, StringComparison.Ordinal);
        Assert.True(secondExit == 0, second);
        Assert.Contains("table setup-placements: exists already, ACTIVE", second, StringComparison.Ordinal);
        Assert.DoesNotContain(await world.Moto.RequestsAsync(), r => r.Target.EndsWith(".CreateTable", StringComparison.Ordinal));
        using var clients = world.Clients();
        var table = await clients.DynamoDb(Region).DescribeTableAsync("setup-placements");
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.Table.BillingModeSummary.BillingMode);
    }

    [SkippableFact]
    public async Task Setup_reports_each_missing_permission_and_exits_1()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        var limited = await world.Moto.CreateUserAsync("tern-limited", "lambda:DeleteFunction", "dynamodb:PutItem");

        var (exit, output) = await TernProcess.RunAsync(
            ["aws", "setup", "--aws-endpoint-url", world.Moto.Endpoint.ToString(), "--aws-region", Region, "--placement-table", "limited-placements",
             "--invocation-table", "limited-invocations"], world.ChildEnvironment(limited), TimeSpan.FromMinutes(3));

        Assert.True(exit == AwsCommand.ExitMissing, output);
        Assert.Contains("DENIED       lambda:DeleteFunction: Lambda DeleteFunction in eu-west-1 failed: AccessDenied", output,
            StringComparison.Ordinal);
        Assert.Contains("DENIED       dynamodb:PutItem: DynamoDB PutItem on limited-placements in eu-west-1 failed", output,
            StringComparison.Ordinal);
        Assert.Contains("allowed      lambda:GetFunction\n", output, StringComparison.Ordinal);
        Assert.Contains("2 action(s) denied: add them to the policy Tern runs with", output, StringComparison.Ordinal);
        Assert.DoesNotContain(limited.SecretAccessKey, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--aws-region=Ireland", "--aws-region 'Ireland' is not an AWS region name")]
    [InlineData("--invocation-table=x", "--invocation-table 'x' is not a DynamoDB table name")]
    public async Task A_malformed_flag_is_a_usage_error_that_names_it(string flag, string message)
    {
        var output = new StringWriter();
        string[] region = flag.StartsWith("--aws-region", StringComparison.Ordinal) ? [] : ["--aws-region=eu-west-1"];

        var exit = await TernCli.Build().Parse(["aws", "setup", flag, .. region])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(AwsCommand.ExitUsage, exit);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }
}

namespace Tern.Functions.Tests;

public sealed class TernFunctionOptionsTests
{
    private static readonly Dictionary<string, string> Valid = new()
    {
        [TernFunctionOptions.WorkflowVariable] = "shop/orders",
        [TernFunctionOptions.FunctionVariable] = "resize",
        [TernFunctionOptions.TableRegionVariable] = "us-east-1",
        [TernFunctionOptions.RuntimeApiVariable] = "127.0.0.1:9001",
        [TernFunctionOptions.RegionVariable] = "eu-west-1",
    };

    private static TernFunctionOptions Read(Dictionary<string, string> variables) =>
        TernFunctionOptions.FromEnvironment(name => variables.TryGetValue(name, out var value) ? value : null);

    [Fact]
    public void Lambda_and_Tern_variables_make_the_options_with_defaults_for_the_rest()
    {
        var options = Read(new(Valid) { [TernFunctionOptions.HomeShareVariable] = "0.25", [TernFunctionOptions.MemoryVariable] = "512" });

        Assert.Equal(("shop", "orders", "resize", "eu-west-1", "us-east-1"),
            (options.WorkflowNamespace, options.WorkflowName, options.Function, options.Region, options.TableRegion));
        Assert.Equal((0.25, 512, 20, "tern-placements", "tern-invocations"),
            (options.HomeShare, options.MemoryMiB, options.MaxHops, options.PlacementTable, options.InvocationTable));
    }

    [Theory]
    [InlineData("TERN_WORKFLOW", null, "TERN_WORKFLOW is not set")]
    [InlineData("TERN_WORKFLOW", "orders", "TERN_WORKFLOW 'orders' is not <namespace>/<workflow name>")]
    [InlineData("TERN_TABLE_REGION", "Mars", "TERN_TABLE_REGION 'Mars' is not an AWS region name")]
    [InlineData("TERN_HOME_SHARE", "1.5", "TERN_HOME_SHARE '1.5' is not a number from 0 to 1")]
    [InlineData("TERN_MAX_HOPS", "many", "TERN_MAX_HOPS 'many' is not a number")]
    [InlineData("AWS_LAMBDA_RUNTIME_API", null, "outside Lambda run the function with `tern dev`")]
    public void A_missing_or_malformed_variable_is_named_in_the_error(string variable, string? value, string expected)
    {
        var variables = new Dictionary<string, string>(Valid);
        variables.Remove(variable);
        if (value is not null)
        {
            variables[variable] = value;
        }

        var error = Assert.Throws<TernFunctionConfigurationException>(() => Read(variables));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

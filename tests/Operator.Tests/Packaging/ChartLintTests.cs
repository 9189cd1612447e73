namespace Tern.Operator.Tests.Packaging;

/// <summary>`helm lint --strict` on charts/tern, with the default values and with every feature switched on.</summary>
public class ChartLintTests
{
    [Fact]
    public async Task The_chart_lints_strictly_with_the_default_values()
    {
        var result = await Helm.RunAsync("lint", "--strict", Helm.Chart);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_lints_strictly_with_every_feature_on()
    {
        var result = await Helm.RunAsync("lint", "--strict", Helm.Chart, "-f", Helm.AllFeatures);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("[WARNING]", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_fails_on_values_the_schema_rejects()
    {
        // Shows the lint above can fail.
        var result = await Helm.RunAsync("lint", "--strict", Helm.Chart, "--set", "workers=0");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/workers", result.Output, StringComparison.Ordinal);
    }
}

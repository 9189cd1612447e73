using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The alerts and the dashboard use only metrics the README's table lists: the contract the operator's
/// metrics are implemented against, so a renamed or invented series cannot slip into either.</summary>
public partial class MetricContractTests
{
    [Theory]
    [InlineData("config/prometheus/tern-alerts.yaml")]
    [InlineData("config/grafana/tern-dashboard.json")]
    public void Every_metric_used_is_in_the_readme_table(string file)
    {
        var documented = ReadmeRow().Matches(File.ReadAllText(RepoPaths.Of("README.md"))).Select(m => m.Groups["name"].Value).ToHashSet();
        Assert.Contains("tern_workflow_placement_info", documented);
        // A histogram's series are its name with _bucket, _sum and _count.
        var used = MetricName().Matches(File.ReadAllText(RepoPaths.Of(file)))
            .Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", ""))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(u => !documented.Contains(u)).Order(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"^\| `(?<name>(tern|controller_runtime)_[a-z0-9_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    [GeneratedRegex(@"\b(tern|controller_runtime)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}

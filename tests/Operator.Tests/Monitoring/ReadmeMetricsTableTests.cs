using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>The README's "Metrics" table is exactly what the operator serves on /metrics: every documented metric is
/// exported with its type and labels, and every exported family of the operator is documented.</summary>
[Collection(ScrapedOperatorGroup.Name)]
public partial class ReadmeMetricsTableTests(ScrapedOperator run)
{
    [Fact]
    public async Task Every_exported_family_is_in_the_table_with_its_type_and_labels()
    {
        var documented = Documented();
        var exported = Exposition.Parse(await run.ScrapeAsync()).Families;
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), exported.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, row) in documented)
        {
            var family = exported[name];
            Assert.True(row.Type == family.Type, $"{name}: the README says {row.Type}, /metrics says {family.Type}");
            // A labelled family has samples only once something happened (a panic, a throttled AWS call); those not
            // seen in this run are checked by their own tests.
            if (family.Samples > 0)
            {
                Assert.True(row.Labels.SetEquals(family.Labels),
                    $"{name}: the README lists labels [{string.Join(", ", row.Labels)}], /metrics has [{string.Join(", ", family.Labels)}]");
            }
        }
        Assert.All(documented.Keys.Where(n => n.StartsWith("tern_workflow_", StringComparison.Ordinal)
                || n.StartsWith("tern_region_", StringComparison.Ordinal)),
            name => Assert.True(exported[name].Samples > 0, $"{name} has no series in a run with planned workflows"));
    }

    [Fact]
    public void The_table_parser_reads_names_types_and_labels()
    {
        var rows = Documented();
        Assert.Equal(new SortedSet<string>(["namespace", "workflow", "function", "time_key", "region"]), rows["tern_workflow_placement_info"].Labels);
        Assert.Equal("gauge", rows["controller_runtime_max_concurrent_reconciles"].Type);
        Assert.Equal(new SortedSet<string>(["controller", "result"]), rows["controller_runtime_reconcile_total"].Labels);
        Assert.Empty(rows["tern_planning_timeouts_total"].Labels);
    }

    /// <summary>The table's rows by metric name: a row may name several metrics; the type is the first word of its
    /// column; the labels are the code spans of the last column outside parentheses and before a colon.</summary>
    internal static Dictionary<string, Row> Documented()
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var section = readme[readme.IndexOf("### Metrics", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n#", 4, StringComparison.Ordinal)];
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (Match match in TableRow().Matches(section))
        {
            var labelsColumn = Parenthesised().Replace(match.Groups["labels"].Value, "").Split(':')[0];
            var labels = new SortedSet<string>(CodeSpan().Matches(labelsColumn).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
            foreach (Match name in CodeSpan().Matches(match.Groups["names"].Value))
            {
                rows.Add(name.Groups[1].Value, new Row(match.Groups["type"].Value, labels));
            }
        }
        return rows;
    }

    internal sealed record Row(string Type, SortedSet<string> Labels);

    [GeneratedRegex(@"^\| (?<names>`[a-z0-9_]+`(, `[a-z0-9_]+`)*) \| (?<type>[a-z]+)[^|]* \| (?<labels>[^\n]*) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex("`([a-z0-9_]+)`")]
    private static partial Regex CodeSpan();
}

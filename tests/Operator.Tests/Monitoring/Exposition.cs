using System.Text.RegularExpressions;

namespace Tern.Operator.Tests.Monitoring;

/// <summary>The Prometheus text format as far as the tests need it: each family's type (from # TYPE) and the label
/// names its samples carry (a histogram's le left out; its _bucket, _sum and _count samples belong to it).</summary>
internal sealed partial class Exposition
{
    private Exposition(IReadOnlyDictionary<string, Family> families) => Families = families;

    public IReadOnlyDictionary<string, Family> Families { get; }

    public static Exposition Parse(string text)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                families[type.Groups["name"].Value] = new Family(type.Groups["type"].Value);
            }
            else if (SampleLine().Match(line) is { Success: true } sample)
            {
                var name = sample.Groups["name"].Value;
                var family = families.GetValueOrDefault(name) ?? families[HistogramSuffix().Replace(name, "")];
                family.Labels.UnionWith(LabelName().Matches(sample.Groups["labels"].Value).Select(m => m.Groups[1].Value).Where(l => l != "le"));
                family.Samples++;
            }
        }
        return new Exposition(families);
    }

    /// <summary>One metric family.</summary>
    internal sealed record Family(string Type)
    {
        public SortedSet<string> Labels { get; } = new(StringComparer.Ordinal);

        public int Samples { get; set; }
    }

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? \S+")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}

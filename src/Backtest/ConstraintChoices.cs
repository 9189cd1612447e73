using Tern.Entities.ServerlessWorkflows;
using YamlDotNet.RepresentationModel;

namespace Tern.Backtest;

/// <summary>The --constraints presets and files. The presets are the paper's: a hard bound on the 95th percentile of
/// run time (or cost) at 105 % of running everything at home.</summary>
public static class ConstraintChoices
{
    public const string Help = "spec (the workflow's own), none, runtime-5pct, cost-5pct, or a YAML file shaped like spec.constraints";

    /// <summary>The names that are not files.</summary>
    public static readonly IReadOnlyList<string> Presets = ["spec", "none", "runtime-5pct", "cost-5pct"];

    /// <summary>The constraints named by <paramref name="text"/>; null for "spec" (keep the workflow's).</summary>
    /// <exception cref="BacktestInputException">An unknown preset, or a file that is not a constraints block.</exception>
    public static ConstraintsSpec? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "spec":
                return null;
            case "none":
                return new ConstraintsSpec();
            case "runtime-5pct":
                return new ConstraintsSpec { Hard = new MetricLimits { Runtime = new Limit { PercentOfHome = 105 } } };
            case "cost-5pct":
                return new ConstraintsSpec { Hard = new MetricLimits { Cost = new Limit { PercentOfHome = 105 } } };
        }
        if (!File.Exists(text))
        {
            throw new BacktestInputException($"--constraints '{text}' is neither a preset nor a file; use {Help}.");
        }
        try
        {
            return Read(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new BacktestInputException($"--constraints {text}: not YAML ({e.Message}).", e);
        }
    }

    private static ConstraintsSpec Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BacktestInputException($"--constraints {path}: expected a mapping with hard, soft and priority, as in spec.constraints.");
        }
        // A file may hold the block itself or a mapping with a `constraints:` key (copied from a workflow).
        if (Child(root, "constraints") is YamlMappingNode inner)
        {
            root = inner;
        }
        foreach (var key in root.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value))
        {
            if (key is not ("hard" or "soft" or "priority"))
            {
                throw new BacktestInputException($"--constraints {path}: unknown field '{key}'; the fields are hard, soft and priority.");
            }
        }
        return new ConstraintsSpec
        {
            Hard = Limits(path, "hard", Child(root, "hard")),
            Soft = Limits(path, "soft", Child(root, "soft")),
            Priority = Child(root, "priority") is YamlSequenceNode list
                ? [.. list.Children.Select(n => Enum.TryParse<Metric>((n as YamlScalarNode)?.Value, ignoreCase: false, out var m) ? m
                    : throw new BacktestInputException($"--constraints {path}: priority '{n}' is not Carbon, Cost or Runtime."))]
                : [],
        };
    }

    private static MetricLimits? Limits(string path, string name, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not YamlMappingNode map)
        {
            throw new BacktestInputException($"--constraints {path}: {name} must map cost, runtime or carbon to a limit.");
        }
        return new MetricLimits
        {
            Cost = Limit(path, $"{name}.cost", Child(map, "cost")),
            Runtime = Limit(path, $"{name}.runtime", Child(map, "runtime")),
            Carbon = Limit(path, $"{name}.carbon", Child(map, "carbon")),
        };
    }

    private static Limit? Limit(string path, string name, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }
        double? Number(string key) => Child(node as YamlMappingNode, key) is YamlScalarNode { Value: { } v }
            ? double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= 0 ? d
                : throw new BacktestInputException($"--constraints {path}: {name}.{key} '{v}' is not a non-negative number.")
            : null;
        var limit = new Limit { Absolute = Number("absolute"), PercentOfHome = Number("percentOfHome") };
        if ((limit.Absolute is null) == (limit.PercentOfHome is null))
        {
            throw new BacktestInputException($"--constraints {path}: {name} needs exactly one of absolute and percentOfHome.");
        }
        return limit;
    }

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}

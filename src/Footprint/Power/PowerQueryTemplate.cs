namespace Tern.Footprint.Power;

/// <summary>A PromQL expression with <c>{{node}}</c> where the node's name goes, for example
/// <c>ipmi_dcmi_power_consumption_watts{instance="{{node}}"}</c>. The name is escaped for a PromQL string, so a node
/// name cannot change the query.</summary>
public sealed class PowerQueryTemplate
{
    /// <summary>The placeholder every template holds.</summary>
    public const string Placeholder = "{{node}}";

    /// <summary>Kepler's node counter, per node, as Kepler's ServiceMonitor labels it by default.</summary>
    public const string KeplerDefault = "kepler_node_platform_joules_total{instance=\"{{node}}\"}";

    private PowerQueryTemplate(string text) => Text = text;

    public string Text { get; }

    /// <summary>The template, or null with <paramref name="error"/> saying what to write instead.</summary>
    public static PowerQueryTemplate? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(Placeholder, StringComparison.Ordinal))
        {
            error = $"'{text}' has no {Placeholder}; put {Placeholder} where the node's name goes, for example " +
                "ipmi_dcmi_power_consumption_watts{instance=\"{{node}}\"}.";
            return null;
        }
        error = null;
        return new PowerQueryTemplate(text);
    }

    /// <summary>The query for <paramref name="node"/>.</summary>
    public string For(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Text.Replace(Placeholder, node.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("'", "\\'", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

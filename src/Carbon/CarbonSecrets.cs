namespace Tern.Carbon;

/// <summary>Which Secrets a CarbonSource may name. RBAC can grant reading Secrets by name but not by label, and a
/// CarbonSource is written by whoever may create one, so the operator itself refuses every Secret in its namespace that
/// the platform team has not labelled for carbon credentials.</summary>
public static class CarbonSecrets
{
    /// <summary>The label, with the value <see cref="LabelValue"/>, that lets a CarbonSource use a Secret.</summary>
    public const string Label = "tern.dev/carbon-credentials";

    public const string LabelValue = "true";

    /// <summary>True when <paramref name="labels"/> mark the Secret for Tern.</summary>
    public static bool IsLabelled(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(Label, out var value) && value == LabelValue;

    /// <summary>The error for a Secret without the label: which Secret, and the command that labels it.</summary>
    public static SecretNotUsableException NotLabelled(string @namespace, string name) =>
        new($"Secret {@namespace}/{name} is not labelled {Label}={LabelValue}, and Tern reads only Secrets labelled for carbon credentials; "
            + $"label it: kubectl -n {@namespace} label secret {name} {Label}={LabelValue}");
}

using System.Text.RegularExpressions;

namespace Tern.Entities.Validation;

/// <summary>Kubernetes naming rules (DNS-1123).</summary>
public static partial class KubernetesNames
{
    /// <summary>True for a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and
    /// ending with a letter or digit.</summary>
    public static bool IsDns1123Label(string name) => name.Length <= 63 && LabelPattern().IsMatch(name);

    /// <summary>True for a DNS-1123 subdomain: dot-separated labels, at most 253 characters.</summary>
    public static bool IsDns1123Subdomain(string name) => name.Length <= 253 && SubdomainPattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}

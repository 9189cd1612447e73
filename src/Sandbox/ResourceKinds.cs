namespace Tern.Sandbox;

/// <summary>A kind the loopback server stores: where it lives in the URL space and how it behaves.</summary>
internal sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced, bool HasStatus, bool HasGeneration)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

/// <summary>The kinds the operator uses; custom resources are added when their CRD is created.</summary>
internal static class ResourceKinds
{
    public static IEnumerable<ResourceKind> BuiltIn { get; } =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatus: false, HasGeneration: false),
        new("", "v1", "secrets", "Secret", Namespaced: true, HasStatus: false, HasGeneration: false),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true, HasStatus: false, HasGeneration: false),
        new("", "v1", "events", "Event", Namespaced: true, HasStatus: false, HasGeneration: false),
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true, HasStatus: false, HasGeneration: false),
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true, HasStatus: false, HasGeneration: false),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false, HasStatus: true, HasGeneration: true),
    ];
}

namespace Tern.Operator.Runtime;

/// <summary>Identifies one object: its namespace (null for cluster-scoped kinds) and name. Reconciles are
/// keyed by this alone, never by an event, so they stay level-triggered.</summary>
internal readonly record struct ResourceKey(string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}

using System.Collections;

namespace Tern.Operator.Runtime;

/// <summary>The logging scope of one reconcile, with controller-runtime's keys: every line logged while it runs
/// (by the runtime or the reconciler) carries the controller, the object's kind, namespace and name, and an id
/// that tells one reconcile of the object from the next.</summary>
internal sealed class ReconcileScope(string controller, string kind, ResourceKey key, string reconcileId)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
    [
        new("controller", controller),
        new("controllerKind", kind),
        new("namespace", key.Namespace),
        new("name", key.Name),
        new("reconcileID", reconcileId),
    ];

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{controller} {kind} {key} reconcileID={reconcileId}";
}

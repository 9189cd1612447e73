using k8s;
using k8s.Models;

namespace Tern.Operator.Runtime;

/// <summary>The decisions about one kind, shaped like KubeOps' IEntityController so a later switch is cheap.
/// Reconcile is level-triggered and idempotent: it gets the current object, never an event. Throwing
/// retries with per-key backoff; a <see cref="TerminalReconcileException"/> waits for a spec change.</summary>
internal interface IReconciler<in T> where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Brings the world in line with <paramref name="entity"/> (including its deletion, when it has a deletionTimestamp).</summary>
    Task<ReconcileResult> ReconcileAsync(T entity, CancellationToken cancellationToken);

    /// <summary>Called once the object is gone from the API server, to drop in-memory state about it.</summary>
    Task DeletedAsync(T entity, CancellationToken cancellationToken);
}

/// <summary>What a reconcile asks of the runtime: nothing, or to run again after a delay.</summary>
internal sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>What the host gives a controller's reconciler: the typed client of its kind and the collaborators every
/// controller shares (status writes, finalizers, events, the clock, a logger, its work queue), so a reconciler
/// builds none of them.</summary>
internal sealed class ControllerContext<T, TStatus>(CustomResourceClient<T> client, EventRecorder events, TimeProvider clock, ILogger logger,
    RuntimeMetrics metrics, Action<ResourceKey> requeue)
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : class
{
    public CustomResourceClient<T> Client => client;

    /// <summary>Writes the status through the /status subresource.</summary>
    public StatusWriter<T, TStatus> Status { get; } = new(client);

    public EventRecorder Events => events;

    public TimeProvider Clock => clock;

    public ILogger Logger => logger;

    public RuntimeMetrics Metrics => metrics;

    /// <summary>Queues a reconcile of <paramref name="key"/> now (for work finished outside a reconcile, such as a plan).</summary>
    public void Requeue(ResourceKey key) => requeue(key);

    /// <summary>Adds and removes the finalizer <paramref name="name"/>.</summary>
    public Finalizers<T> Finalizer(string name) => new(client, name);
}

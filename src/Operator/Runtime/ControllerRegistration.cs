using k8s;
using k8s.Models;

namespace Tern.Operator.Runtime;

/// <summary>One controller as the host runs it: its name (the metric label), its kind, how many keys it reconciles
/// at once, which updates it reacts to, and how to make its reconciler from the host's collaborators.</summary>
internal interface IControllerRegistration
{
    string Name { get; }

    Type Kind { get; }

    /// <summary>Makes the running controller for one term of leadership.</summary>
    IRunningController Start(ControllerServices services);
}

/// <summary>A controller of <typeparamref name="T"/> whose status is <typeparamref name="TStatus"/>.</summary>
internal sealed record ControllerRegistration<T, TStatus>(
    string Name,
    Func<ControllerContext<T, TStatus>, IReconciler<T>> Reconciler) : IControllerRegistration
    where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
    where TStatus : class
{
    /// <summary>Keys reconciled at once.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Which updates cause a reconcile.</summary>
    public EventFilter<T> Filter { get; init; } = EventFilters.GenerationOrMetadataChanged;

    public Type Kind => typeof(T);

    public IRunningController Start(ControllerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var client = new CustomResourceClient<T>(services.Client);
        var logger = services.Loggers.CreateLogger(Name);
        var queue = new WorkQueue(services.Clock, observer: services.Metrics.ForQueue(Name));
        var context = new ControllerContext<T, TStatus>(client, services.Events, services.Clock, logger, services.Metrics, queue.Add);
        return new ControllerHost<T>(Name, client, Reconciler(context), queue, Workers, Filter, services, logger);
    }
}

using k8s;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>What every controller of one operator process shares.</summary>
internal sealed record ControllerServices(
    IKubernetes Client,
    EventRecorder Events,
    TimeProvider Clock,
    ILoggerFactory Loggers,
    RuntimeMetrics Metrics,
    InformerOptions Informer)
{
    public ControllerTimings Timings { get; init; } = new();
}

/// <summary>A controller while its host leads.</summary>
internal interface IRunningController : IDisposable
{
    string Name { get; }

    /// <summary>True once the informer's first list is done.</summary>
    bool Synced { get; }

    /// <summary>What is wrong with the controller now, for /healthz; empty when healthy.</summary>
    IReadOnlyList<string> Problems { get; }

    /// <summary>Runs until <paramref name="stop"/>, then lets reconciles finish until <paramref name="shutdownDeadline"/>.</summary>
    Task RunAsync(CancellationToken stop, CancellationToken shutdownDeadline);
}

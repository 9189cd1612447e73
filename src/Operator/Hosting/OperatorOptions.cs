using Tern.Carbon;
using Tern.Operator.Controllers;
using Tern.Operator.Runtime;

namespace Tern.Operator.Hosting;

/// <summary>How `tern run` runs.</summary>
internal sealed record OperatorOptions
{
    /// <summary>The operator's own namespace: its Lease, and the Secrets and ConfigMaps carbon sources name.</summary>
    public string Namespace { get; init; } = "tern-system";

    /// <summary>This instance's name in the Lease (the pod name in a cluster).</summary>
    public string Identity { get; init; } = Environment.MachineName;

    /// <summary>Whether to elect a leader; only the leader reconciles.</summary>
    public bool LeaderElection { get; init; } = true;

    public string LeaseName { get; init; } = "tern-operator";

    /// <summary>Concurrent reconciles per controller.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Port of /healthz and /readyz; 0 picks a free one, -1 serves none.</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>Port of /metrics; 0 picks a free one, -1 serves none.</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary>Address /healthz and /readyz bind to: all interfaces in a pod (the kubelet probes them), loopback in tests.</summary>
    public string HealthBindAddress { get; init; } = "0.0.0.0";

    /// <summary>Address /metrics binds to.</summary>
    public string MetricsBindAddress { get; init; } = "0.0.0.0";

    /// <summary>Time in-flight reconciles get to finish on shutdown (SIGTERM). Then the lease is released, within
    /// <see cref="LeaseTimings.ReleaseTimeout"/>; both together stay under the pod's 30 s termination grace period.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one reconcile may take before it is cancelled and retried with backoff.</summary>
    public ControllerTimings Controllers { get; init; } = new();

    public InformerOptions Informer { get; init; } = new();

    public LeaseTimings Lease { get; init; } = new();

    public WorkflowControllerOptions Workflows { get; init; } = new();

    /// <summary>Carbon refreshes: allowed endpoints, deadline, request limits (the bundled data and ConfigMaps are the host's).</summary>
    public CarbonRefresherOptions Carbon { get; init; } = new();
}

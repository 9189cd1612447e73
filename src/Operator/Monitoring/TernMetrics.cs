using Prometheus;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Operator.Monitoring;

/// <summary>Tern's own metrics in the operator's registry (the names are listed in the README, "Metrics"). The state
/// series are read at each scrape from the objects the controllers' informers hold, so they show the status the
/// controllers last wrote and disappear with their object; while this instance does not lead, it has none.</summary>
internal sealed class TernMetrics
{
    private readonly Lock _gate = new();

    /// <param name="workflows">The workflows as the running controller sees them now (none while not leading).</param>
    /// <param name="sources">The CarbonSources likewise.</param>
    public TernMetrics(CollectorRegistry registry, TimeProvider clock, Func<IReadOnlyCollection<ServerlessWorkflow>> workflows,
        Func<IReadOnlyCollection<CarbonSource>> sources)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Planner = new PlannerMetrics(registry);
        var workflowMetrics = new WorkflowMetrics(registry);
        var sourceMetrics = new CarbonSourceMetrics(registry);
        RegionMetrics.Register(registry, RegionCatalogue.Bundled);
        // Two scrapes at once must not remove each other's series half-way.
        registry.AddBeforeCollectCallback(() =>
        {
            lock (_gate)
            {
                workflowMetrics.Publish(workflows(), clock.GetUtcNow());
                sourceMetrics.Publish(sources());
            }
        });
    }

    public PlannerMetrics Planner { get; }
}

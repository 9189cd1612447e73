using Tern.Entities.ServerlessWorkflows;
using Tern.Solvers.Model;
using SpecMetric = Tern.Entities.ServerlessWorkflows.Metric;
using ModelMetric = Tern.Solvers.Model.Metric;

namespace Tern.Planning.Workflows;

/// <summary>spec.constraints in the planner's terms; the two share units (USD, seconds, gCO2e per invocation).</summary>
internal static class ConstraintMapping
{
    public static ConstraintSet Map(ConstraintsSpec? spec)
    {
        if (spec is null)
        {
            return ConstraintSet.None;
        }
        return new ConstraintSet
        {
            Hard = Bounds(spec.Hard),
            Soft = Bounds(spec.Soft),
            Priority = [.. spec.Priority.Select(Map)],
        };
    }

    private static Dictionary<ModelMetric, Bound> Bounds(MetricLimits? limits)
    {
        var bounds = new Dictionary<ModelMetric, Bound>();
        foreach (var (metric, limit) in new[] { (ModelMetric.Cost, limits?.Cost), (ModelMetric.Runtime, limits?.Runtime), (ModelMetric.Carbon,
            limits?.Carbon) })
        {
            if (limit is not null)
            {
                bounds[metric] = new Bound { Absolute = limit.Absolute, PercentOfHome = limit.PercentOfHome };
            }
        }
        return bounds;
    }

    private static ModelMetric Map(SpecMetric metric) => metric switch
    {
        SpecMetric.Carbon => ModelMetric.Carbon,
        SpecMetric.Cost => ModelMetric.Cost,
        SpecMetric.Runtime => ModelMetric.Runtime,
        _ => throw new WorkflowMappingException($"spec.constraints.priority: unknown metric {metric}."),
    };
}

using Tern.Entities.ServerlessWorkflows;
using Tern.Solvers.Plans;

namespace Tern.Planning;

/// <summary>The workflow spec's algorithm as the planner's choice (the CRD enum and the solver enum are kept
/// apart so Solvers stays free of Kubernetes types).</summary>
public static class AlgorithmMapping
{
    public static AlgorithmChoice ToChoice(this PlanningAlgorithm algorithm) => algorithm switch
    {
        PlanningAlgorithm.CoarseGrained => AlgorithmChoice.CoarseGrained,
        PlanningAlgorithm.FineGrained => AlgorithmChoice.FineGrained,
        PlanningAlgorithm.Heuristic => AlgorithmChoice.Heuristic,
        _ => AlgorithmChoice.Auto,
    };
}

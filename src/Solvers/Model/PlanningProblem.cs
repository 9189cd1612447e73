namespace Tern.Solvers.Model;

/// <summary>Everything the planner needs about one workflow: the unrolled DAG, the candidate regions with
/// prices and carbon, latencies, constants and constraints. Built by a mapper (from a ServerlessWorkflow
/// or from a Caribou bench document) and checked by <see cref="ProblemValidator"/>.</summary>
public sealed record PlanningProblem
{
    /// <summary>Name shown in plans and benchmarks.</summary>
    public required string Name { get; init; }

    /// <summary>Candidate regions; an index into this list is a region's identity in the model.</summary>
    public required IReadOnlyList<RegionModel> Regions { get; init; }

    /// <summary>Index of the home region, the fallback placement of every instance.</summary>
    public required int HomeRegion { get; init; }

    /// <summary>Instances in topological order: index 0 is the entry point and every edge goes forward.</summary>
    public required IReadOnlyList<InstanceModel> Instances { get; init; }

    /// <summary>Calls between instances.</summary>
    public required IReadOnlyList<EdgeModel> Edges { get; init; }

    /// <summary>Latency samples per edge and region pair.</summary>
    public required LatencyTable Latency { get; init; }

    /// <summary>Data transfer price, USD/GB, from region [from] to region [to].</summary>
    public required IReadOnlyList<IReadOnlyList<double>> TransferUsdPerGb { get; init; }

    /// <summary>Physical and pricing constants.</summary>
    public ModelConstants Constants { get; init; } = ModelConstants.Caribou;

    /// <summary>Hard and soft bounds and the ranking order.</summary>
    public ConstraintSet Constraints { get; init; } = ConstraintSet.None;

    /// <summary>Cost per invocation that no placement changes (for example reading the placement record), USD.</summary>
    public double FixedCostUsd { get; init; }

    /// <summary>Carbon per invocation that no placement changes (for example the client's request), gCO2e.</summary>
    public double FixedCarbonGrams { get; init; }

    /// <summary>What the mapper had to assume or leave out (regions without data, priors used), for the plan.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

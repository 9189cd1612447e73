using Tern.Solvers.Evaluation;

namespace Tern.Solvers.Plans;

/// <summary>Which algorithm to run.</summary>
public enum AlgorithmChoice
{
    /// <summary>Exact when the search space is small enough, heuristic otherwise.</summary>
    Auto,
    /// <summary>The whole workflow in one region.</summary>
    CoarseGrained,
    /// <summary>Exact optimum by branch and bound.</summary>
    FineGrained,
    /// <summary>Iterated local search.</summary>
    Heuristic,
}

/// <summary>A multi-region plan: one placement per time key, with its figures next to the home placement's.</summary>
public sealed record Plan
{
    /// <summary>Name of the planned workflow.</summary>
    public required string Workflow { get; init; }

    /// <summary>The algorithm that was asked for.</summary>
    public required AlgorithmChoice Requested { get; init; }

    /// <summary>When the plan was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>When the plan stops applying; after that every function runs at home until a new plan exists.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Seed of the random draws.</summary>
    public required int Seed { get; init; }

    /// <summary>Region codes by region index.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Instance names by instance index.</summary>
    public required IReadOnlyList<string> Instances { get; init; }

    /// <summary>One entry per time key, in order of start hour.</summary>
    public required IReadOnlyList<TimeKeyPlan> TimeKeys { get; init; }

    /// <summary>Assumptions and omissions of the inputs (from the problem) and of the planning.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Whether invocation probabilities were enumerated exactly.</summary>
    public required bool ExactProbabilities { get; init; }

    /// <summary>Total time spent planning.</summary>
    public required TimeSpan Elapsed { get; init; }
}

/// <summary>The placement of one time key.</summary>
public sealed record TimeKeyPlan
{
    /// <summary>UTC hour at which the key starts.</summary>
    public required int StartHour { get; init; }

    /// <summary>Hours the key lasts.</summary>
    public required int Hours { get; init; }

    /// <summary>Region index per instance index.</summary>
    public required IReadOnlyList<int> Placement { get; init; }

    /// <summary>Figures of the placement.</summary>
    public required Estimate Estimate { get; init; }

    /// <summary>Figures of the home placement.</summary>
    public required Estimate Home { get; init; }

    /// <summary>The algorithm that ran (Auto resolves to one of the others).</summary>
    public required AlgorithmChoice AlgorithmRun { get; init; }

    /// <summary>True when the search proved the placement optimal for the model.</summary>
    public required bool ProvenOptimal { get; init; }

    /// <summary>True when every instance stays at home.</summary>
    public bool IsHome => Placement.All(r => r == HomeRegion);

    /// <summary>Index of the home region.</summary>
    public required int HomeRegion { get; init; }

    /// <summary>Why this placement (for example why the home placement was kept), or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Partial placements branch and bound expanded (also when Auto then ran the heuristic); 0 otherwise.</summary>
    public long SearchNodes { get; init; }

    /// <summary>Complete placements the search judged (most by exact cost and carbon alone).</summary>
    public required long PlacementsEvaluated { get; init; }

    /// <summary>Candidates evaluated with Monte Carlo.</summary>
    public required long Evaluations { get; init; }

    /// <summary>Monte Carlo samples behind this key's evaluations, whether simulated for it or reused from what the
    /// plan's other keys (or earlier plans sharing the context) simulated; the same for the same problem and seed.</summary>
    public required long Samples { get; init; }

    /// <summary>Time spent on this key.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Carbon saved against home, percent (negative when worse).</summary>
    public double CarbonSavingsPercent => Savings(Home.CarbonGrams, Estimate.CarbonGrams);

    /// <summary>Cost saved against home, percent.</summary>
    public double CostSavingsPercent => Savings(Home.CostUsd, Estimate.CostUsd);

    /// <summary>Mean run time saved against home, percent.</summary>
    public double RuntimeSavingsPercent => Savings(Home.RuntimeMeanSeconds, Estimate.RuntimeMeanSeconds);

    private static double Savings(double home, double plan) => home == 0 ? 0 : 100 * (home - plan) / home;
}

namespace Tern.Solvers.Algorithms;

/// <summary>How much work a branch and bound may do before it gives up, counted so that the same problem and seed
/// always stop at the same point (a wall-clock limit would not).</summary>
/// <param name="Nodes">Partial placements it may expand.</param>
/// <param name="SimulatedRuns">Function runs its Monte Carlo evaluations may simulate, counted as evaluations ×
/// samples × instances whether or not a figure was served from the cache; only ranking that needs run times spends
/// them.</param>
public sealed record SearchBudget(long Nodes, double SimulatedRuns)
{
    /// <summary>No limit.</summary>
    public static SearchBudget Unlimited { get; } = new(long.MaxValue, double.PositiveInfinity);
}

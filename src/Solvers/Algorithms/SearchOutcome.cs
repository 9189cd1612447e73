namespace Tern.Solvers.Algorithms;

/// <summary>How a search ended.</summary>
/// <param name="ProvenOptimal">True when the search proved no better placement exists.</param>
/// <param name="Remark">Why the search stopped early or what it assumed, or null.</param>
public sealed record SearchOutcome(bool ProvenOptimal, string? Remark = null)
{
    /// <summary>Partial placements a branch and bound expanded; 0 for other searches.</summary>
    public long Nodes { get; init; }

    /// <summary>True when a branch and bound gave up at its node budget (not at the deadline).</summary>
    public bool OutOfBudget { get; init; }
}

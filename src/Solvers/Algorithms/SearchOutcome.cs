namespace Tern.Solvers.Algorithms;

/// <summary>How a search ended.</summary>
/// <param name="ProvenOptimal">True when the search proved no better placement exists.</param>
/// <param name="Remark">Why the search stopped early or what it assumed, or null.</param>
public sealed record SearchOutcome(bool ProvenOptimal, string? Remark = null);

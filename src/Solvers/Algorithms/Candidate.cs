using Tern.Solvers.Evaluation;

namespace Tern.Solvers.Algorithms;

/// <summary>A placement (a region index per instance) with its figures.</summary>
public sealed record Candidate(IReadOnlyList<int> Placement, Estimate Estimate);

using Tern.Solvers.Model;

namespace Tern.Planning.Workflows;

/// <summary>A workflow as a planning problem, with what the mapping had to assume or leave out.</summary>
public sealed record MappedWorkflow(PlanningProblem Problem)
{
    /// <summary>The problem's notes: regions left out and why, priors used, fallbacks taken.</summary>
    public IReadOnlyList<string> Notes => Problem.Notes;
}

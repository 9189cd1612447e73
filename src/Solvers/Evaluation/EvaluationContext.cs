using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>What evaluation needs about a problem that no time key changes: the resolved per-region
/// figures, the invocation probabilities and the shared random draws. Made once per plan.</summary>
public sealed class EvaluationContext
{
    /// <summary>Prepares <paramref name="problem"/>, which must have passed <see cref="ProblemValidator"/>.</summary>
    public EvaluationContext(PlanningProblem problem, EvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        Problem = problem;
        Options = options;
        Resolved = [.. problem.Instances.Select(i => new ResolvedInstance(problem, i))];
        Probabilities = InvocationProbabilities.Compute(problem.Instances, problem.Edges);
        Streams = new RandomStreams(problem, options.MaxSamples, options.Seed);
    }

    /// <summary>The problem.</summary>
    public PlanningProblem Problem { get; }

    /// <summary>Sampling options.</summary>
    public EvaluatorOptions Options { get; }

    /// <summary>Probability that each instance runs and each call happens.</summary>
    public InvocationProbabilities Probabilities { get; }

    internal IReadOnlyList<ResolvedInstance> Resolved { get; }

    internal RandomStreams Streams { get; }

    /// <summary>The evaluator of the period [startHour, startHour + hours).</summary>
    public PlacementEvaluator ForTimeKey(int startHour, int hours) => new(this, KeyCarbon.For(Problem, startHour, hours));

    /// <summary>Exact expected cost and carbon under <paramref name="gramsPerKwh"/> (one value per region index),
    /// without any Monte Carlo: for judging placements against intensities the plan did not know, such as the
    /// actual intensity of the hour an invocation ran in.</summary>
    public ExactMetrics ExactFor(IReadOnlyList<double> gramsPerKwh)
    {
        ArgumentNullException.ThrowIfNull(gramsPerKwh);
        if (gramsPerKwh.Count != Problem.Regions.Count)
        {
            throw new ArgumentException($"One intensity per region is needed: {Problem.Regions.Count}, got {gramsPerKwh.Count}.", nameof(gramsPerKwh));
        }
        return new ExactMetrics(Problem, Resolved, new CostCarbonRates(Problem, Resolved, gramsPerKwh), Probabilities);
    }
}

using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>What evaluation needs about a problem that no time key changes: the resolved per-region
/// figures, the invocation probabilities and the shared random draws. Made once per plan.</summary>
public sealed class EvaluationContext
{
    private readonly Lazy<HomeSamples> _home;

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
        CarbonFree = new CarbonFreeFigures();
        Simulated = new SimulationCount();
        _home = new Lazy<HomeSamples>(() => new HomeSamples(this));
    }

    private EvaluationContext(PlanningProblem problem, EvaluationContext shared)
    {
        Problem = problem;
        Options = shared.Options;
        Resolved = shared.Resolved;
        Probabilities = shared.Probabilities;
        Streams = shared.Streams;
        CarbonFree = shared.CarbonFree;
        Simulated = shared.Simulated;
        _home = shared._home;
    }

    /// <summary>The context of <paramref name="problem"/>, which differs from this one's only in its regions' hourly
    /// carbon (and its name, notes or constraints), as a backtest's successive re-plans do. Shares everything carbon
    /// does not change — resolved run times, probabilities, random draws, simulated run-time and cost figures — instead of building it
    /// again.</summary>
    /// <exception cref="ArgumentException">When anything else differs; build the other problem with
    /// <c>problem with { Regions = … }</c>, changing only <see cref="RegionModel.HourlyGramsPerKwh"/>.</exception>
    public EvaluationContext WithCarbon(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var same = ReferenceEquals(problem.Instances, Problem.Instances)
            && ReferenceEquals(problem.Edges, Problem.Edges)
            && ReferenceEquals(problem.Latency, Problem.Latency)
            && ReferenceEquals(problem.TransferUsdPerGb, Problem.TransferUsdPerGb)
            && problem.HomeRegion == Problem.HomeRegion
            && problem.Constants == Problem.Constants
            && problem.FixedCostUsd.Equals(Problem.FixedCostUsd)
            && problem.FixedCarbonGrams.Equals(Problem.FixedCarbonGrams)
            && problem.Regions.Count == Problem.Regions.Count
            && problem.Regions.Select((r, i) => r with { HourlyGramsPerKwh = Problem.Regions[i].HourlyGramsPerKwh } == Problem.Regions[i])
                .All(x => x);
        if (!same)
        {
            throw new ArgumentException($"Problem '{problem.Name}' differs from '{Problem.Name}' in more than its regions' carbon, so the " +
                "evaluation context cannot be shared; make it with `with { Regions = … }` changing only HourlyGramsPerKwh, or build a new context.",
                nameof(problem));
        }
        return new EvaluationContext(problem, this);
    }

    /// <summary>The problem.</summary>
    public PlanningProblem Problem { get; }

    /// <summary>Sampling options.</summary>
    public EvaluatorOptions Options { get; }

    /// <summary>Probability that each instance runs and each call happens.</summary>
    public InvocationProbabilities Probabilities { get; }

    internal IReadOnlyList<ResolvedInstance> Resolved { get; }

    internal RandomStreams Streams { get; }

    internal CarbonFreeFigures CarbonFree { get; }

    /// <summary>Samples simulated by this context and the contexts shared with it.</summary>
    internal SimulationCount Simulated { get; }

    /// <summary>The home placement's samples, simulated by the first key that needs them; carbon does not change them.</summary>
    internal HomeSamples Home => _home.Value;

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
            throw new ArgumentException($"One intensity per region is needed: {Problem.Regions.Count}, got {gramsPerKwh.Count}.",
                nameof(gramsPerKwh));
        }
        return new ExactMetrics(Problem, Resolved, new CostCarbonRates(Problem, Resolved, gramsPerKwh), Probabilities);
    }
}

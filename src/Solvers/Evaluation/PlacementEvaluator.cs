namespace Tern.Solvers.Evaluation;

/// <summary>Evaluates placements for one time key: cost and carbon exactly, run time (and the tails of all
/// three) by Monte Carlo on common random numbers. The number of samples is fixed per time key — chosen
/// on the home placement so its 95 % interval is within the tolerance — so every candidate is judged on
/// the very same draws and comparisons are deterministic.</summary>
public sealed class PlacementEvaluator
{
    private readonly EvaluationContext _context;
    private readonly RuntimeSimulator _simulator;
    // Per-sample figures of the placement being evaluated; grown as sampling needs, since most placements settle
    // well before the maximum and a plan makes one evaluator per time key.
    private double[] _runtime;
    private double[] _cost;
    private double[] _carbon;

    internal PlacementEvaluator(EvaluationContext context, IReadOnlyList<double> gramsPerKwh)
    {
        _context = context;
        GramsPerKwh = gramsPerKwh;
        var rates = new CostCarbonRates(context.Problem, context.Resolved, gramsPerKwh);
        Exact = new ExactMetrics(context.Problem, context.Resolved, rates, context.Probabilities);
        _simulator = new RuntimeSimulator(context.Problem, context.Resolved, rates, context.Streams);
        var initial = Math.Min(context.Options.MinSamples, context.Options.MaxSamples);
        _runtime = new double[initial];
        _cost = new double[initial];
        _carbon = new double[initial];
        // An array, so the simulator reads it without copying.
        HomePlacement = Enumerable.Repeat(context.Problem.HomeRegion, context.Problem.Instances.Count).ToArray();
        SampleCount = SamplesFor(HomePlacement);
        // The samples just drawn are the home placement's precise figures; keep them rather than simulate again.
        Home = Summarise(HomePlacement, SampleCount);
        Evaluations = 1;
    }

    /// <summary>Grid intensity per region used for this key, gCO2e/kWh.</summary>
    public IReadOnlyList<double> GramsPerKwh { get; }

    /// <summary>The exact cost and carbon tables.</summary>
    public ExactMetrics Exact { get; }

    /// <summary>Every instance in the home region.</summary>
    public IReadOnlyList<int> HomePlacement { get; }

    /// <summary>The home placement's figures, as <see cref="EvaluatePrecisely"/> gives them.</summary>
    public Estimate Home { get; }

    /// <summary>Monte Carlo samples per candidate for this key.</summary>
    public int SampleCount { get; }

    /// <summary>Candidates given Monte Carlo figures so far, simulated or reused (see <see cref="Screen"/>).</summary>
    public long Evaluations { get; private set; }

    /// <summary>Monte Carlo samples simulated so far.</summary>
    public long SamplesSimulated { get; private set; }

    /// <summary>Exact cost and carbon and Monte Carlo run time of <paramref name="placement"/> on this key's samples.</summary>
    public Estimate Evaluate(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        Simulate(placement, 0, SampleCount);
        Evaluations++;
        return Summarise(placement, SampleCount);
    }

    /// <summary>The figures a search ranks by when no bound involves the carbon tail: as <see cref="Evaluate"/>, except
    /// that <see cref="Estimate.CarbonP95Grams"/> is NaN, and that the run-time and cost figures, which carbon does not
    /// change, are simulated once per placement for every time key and re-plan that shares the context.</summary>
    public Estimate Screen(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var where = placement as int[] ?? [.. placement];
        Evaluations++;
        if (!_context.CarbonFree.TryGet(where, SampleCount, out var figures))
        {
            Simulate(where, 0, SampleCount);
            figures = FiguresOfSamples(SampleCount);
            _context.CarbonFree.Add(where, SampleCount, figures);
        }
        var (cost, carbon) = Exact.Evaluate(where);
        return new Estimate(cost, carbon, figures.RuntimeMean, figures.RuntimeP95, figures.CostP95, double.NaN, SampleCount, figures.RuntimeHalfWidth);
    }

    /// <summary>As <see cref="Evaluate"/>, but drawing more samples (up to the maximum) until this placement's
    /// own interval is within the tolerance; used for the figures a plan reports.</summary>
    public Estimate EvaluatePrecisely(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var samples = SamplesFor(placement);
        Evaluations++;
        return Summarise(placement, samples);
    }

    private int SamplesFor(IReadOnlyList<int> placement)
    {
        var options = _context.Options;
        var samples = Math.Min(options.MinSamples, options.MaxSamples);
        Simulate(placement, 0, samples);
        while (samples < options.MaxSamples)
        {
            var drawn = _runtime.AsSpan(0, samples);
            var mean = SampleStatistics.Mean(drawn);
            if (SampleStatistics.HalfWidth95(drawn) <= options.RelativeTolerance * mean)
            {
                break;
            }
            var next = Math.Min(samples + options.BatchSize, options.MaxSamples);
            Simulate(placement, samples, next);
            samples = next;
        }
        return samples;
    }

    private void Simulate(IReadOnlyList<int> placement, int from, int to)
    {
        if (to > _runtime.Length)
        {
            var size = Math.Min(Math.Max(to, 2 * _runtime.Length), _context.Options.MaxSamples);
            Array.Resize(ref _runtime, size);
            Array.Resize(ref _cost, size);
            Array.Resize(ref _carbon, size);
        }
        _simulator.Simulate(placement, from, to, _runtime, _cost, _carbon);
        SamplesSimulated += to - from;
    }

    private Estimate Summarise(IReadOnlyList<int> placement, int samples)
    {
        var (cost, carbon) = Exact.Evaluate(placement);
        var figures = FiguresOfSamples(samples);
        var carbonTail = SampleStatistics.Percentile(_carbon.AsSpan(0, samples), _context.Problem.Constants.TailPercentile);
        return new Estimate(cost, carbon, figures.RuntimeMean, figures.RuntimeP95, figures.CostP95, carbonTail, samples, figures.RuntimeHalfWidth);
    }

    // The carbon-free figures of the samples just simulated.
    private CarbonFreeFigures.Figures FiguresOfSamples(int samples)
    {
        var runtime = _runtime.AsSpan(0, samples);
        var tail = _context.Problem.Constants.TailPercentile;
        return new(
            SampleStatistics.Mean(runtime),
            SampleStatistics.Percentile(runtime, tail),
            SampleStatistics.HalfWidth95(runtime),
            SampleStatistics.Percentile(_cost.AsSpan(0, samples), tail));
    }
}

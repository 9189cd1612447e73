namespace Tern.Solvers.Evaluation;

/// <summary>Evaluates placements for one time key: cost and carbon exactly, run time (and the tails of all
/// three) by Monte Carlo on common random numbers. The number of samples is fixed per time key — chosen
/// on the home placement so its 95 % interval is within the tolerance — so every candidate is judged on
/// the very same draws and comparisons are deterministic.</summary>
public sealed class PlacementEvaluator
{
    private readonly EvaluationContext _context;
    private readonly SampleBuffers _buffers;
    private readonly double _tailPercentile;

    internal PlacementEvaluator(EvaluationContext context, IReadOnlyList<double> gramsPerKwh)
    {
        _context = context;
        _tailPercentile = context.Problem.Constants.TailPercentile;
        GramsPerKwh = gramsPerKwh;
        var rates = new CostCarbonRates(context.Problem, context.Resolved, gramsPerKwh);
        Exact = new ExactMetrics(context.Problem, context.Resolved, rates, context.Probabilities);
        var simulator = new RuntimeSimulator(context.Problem, context.Resolved, rates, context.Streams);
        _buffers = new SampleBuffers(simulator, context.Options, context.Simulated);
        // The home placement is simulated once per context; only its carbon tail is this key's own.
        var home = context.Home;
        HomePlacement = home.Placement;
        SampleCount = home.Samples;
        var (cost, carbon) = Exact.Evaluate(HomePlacement);
        var f = home.Figures;
        Home = new Estimate(cost, carbon, f.RuntimeMean, f.RuntimeP95, f.CostP95,
            home.CarbonP95Grams(gramsPerKwh[context.Problem.HomeRegion]), SampleCount, f.RuntimeHalfWidth);
        Evaluations = 1;
        SamplesUsed = SampleCount;
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

    /// <summary>Monte Carlo samples simulated for this key (the home placement's are simulated once per context, and
    /// figures another key already simulated are reused), so it depends on what was planned before or alongside.</summary>
    public long SamplesSimulated => _buffers.Simulated;

    /// <summary>Monte Carlo samples behind the figures of this key's evaluations, whether simulated for them or
    /// reused; unlike <see cref="SamplesSimulated"/>, the same for the same problem and seed.</summary>
    public long SamplesUsed { get; private set; }

    /// <summary>Exact cost and carbon and Monte Carlo run time of <paramref name="placement"/> on this key's samples.</summary>
    public Estimate Evaluate(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        _buffers.Simulate(placement, 0, SampleCount);
        Evaluations++;
        SamplesUsed += SampleCount;
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
        SamplesUsed += SampleCount;
        if (!_context.CarbonFree.TryGet(where, SampleCount, out var figures))
        {
            _buffers.Simulate(where, 0, SampleCount);
            figures = _buffers.CarbonFree(SampleCount, _tailPercentile);
            _context.CarbonFree.Add(where, SampleCount, figures);
        }
        var (cost, carbon) = Exact.Evaluate(where);
        return new Estimate(
            cost, carbon, figures.RuntimeMean, figures.RuntimeP95, figures.CostP95, double.NaN, SampleCount, figures.RuntimeHalfWidth);
    }

    /// <summary>As <see cref="Evaluate"/>, but drawing more samples (up to the maximum) until this placement's
    /// own interval is within the tolerance; used for the figures a plan reports.</summary>
    public Estimate EvaluatePrecisely(IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        Evaluations++;
        if (placement.SequenceEqual(HomePlacement))
        {
            SamplesUsed += SampleCount;
            return Home;
        }
        var samples = _buffers.SimulateUntilPrecise(placement);
        SamplesUsed += samples;
        return Summarise(placement, samples);
    }

    private Estimate Summarise(IReadOnlyList<int> placement, int samples)
    {
        var (cost, carbon) = Exact.Evaluate(placement);
        var figures = _buffers.CarbonFree(samples, _tailPercentile);
        var carbonTail = SampleStatistics.Percentile(_buffers.Carbon(samples), _tailPercentile);
        return new Estimate(cost, carbon, figures.RuntimeMean, figures.RuntimeP95, figures.CostP95, carbonTail, samples, figures.RuntimeHalfWidth);
    }
}

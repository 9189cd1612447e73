namespace Tern.Solvers.Evaluation;

/// <summary>The home placement's Monte Carlo figures, simulated once per context rather than once per time key: every
/// key evaluates the same placement on the same draws, and only its carbon changes, which, with every instance in the
/// home region, is affine in that region's intensity. So the samples are simulated at intensity 0 and at 1, and a key's
/// carbon samples are <c>at0 + intensity × (at1 − at0)</c>. The number of samples depends on run times alone, so it
/// is the same for every key.</summary>
internal sealed class HomeSamples
{
    private readonly double[] _carbonAtZero;
    private readonly double[] _carbonPerGramPerKwh;
    private readonly double _tailPercentile;

    public HomeSamples(EvaluationContext context)
    {
        var problem = context.Problem;
        var regions = problem.Regions.Count;
        _tailPercentile = problem.Constants.TailPercentile;
        Placement = [.. Enumerable.Repeat(problem.HomeRegion, problem.Instances.Count)];
        var atZero = Buffers(context, new double[regions]);
        Samples = atZero.SimulateUntilPrecise(Placement);
        Figures = atZero.CarbonFree(Samples, _tailPercentile);
        var atOne = Buffers(context, [.. Enumerable.Repeat(1.0, regions)]);
        atOne.Simulate(Placement, 0, Samples);
        _carbonAtZero = atZero.Carbon(Samples).ToArray();
        var carbonAtOne = atOne.Carbon(Samples);
        _carbonPerGramPerKwh = new double[Samples];
        for (var s = 0; s < Samples; s++)
        {
            _carbonPerGramPerKwh[s] = carbonAtOne[s] - _carbonAtZero[s];
        }
    }

    /// <summary>Every instance in the home region.</summary>
    public int[] Placement { get; }

    /// <summary>Samples drawn: until the 95 % interval of the mean run time is within the tolerance.</summary>
    public int Samples { get; }

    /// <summary>Run-time mean, tail and half-width, and the cost tail.</summary>
    public CarbonFreeFigures.Figures Figures { get; }

    /// <summary>The carbon tail when the home region's intensity is <paramref name="gramsPerKwh"/>.</summary>
    public double CarbonP95Grams(double gramsPerKwh)
    {
        var carbon = new double[Samples];
        for (var s = 0; s < Samples; s++)
        {
            carbon[s] = _carbonAtZero[s] + gramsPerKwh * _carbonPerGramPerKwh[s];
        }
        return SampleStatistics.Percentile(carbon, _tailPercentile);
    }

    private static SampleBuffers Buffers(EvaluationContext context, double[] gramsPerKwh)
    {
        var rates = new CostCarbonRates(context.Problem, context.Resolved, gramsPerKwh);
        return new SampleBuffers(new RuntimeSimulator(context.Problem, context.Resolved, rates, context.Streams), context.Options, context.Simulated);
    }
}

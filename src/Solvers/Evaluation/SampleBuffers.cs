namespace Tern.Solvers.Evaluation;

/// <summary>The per-sample run time, cost and carbon of the placement being simulated, grown as sampling needs: most
/// placements settle well before the maximum number of samples.</summary>
internal sealed class SampleBuffers
{
    private readonly RuntimeSimulator _simulator;
    private readonly EvaluatorOptions _options;
    private readonly SimulationCount _total;
    private double[] _runtime;
    private double[] _cost;
    private double[] _carbon;

    /// <param name="total">Counts the samples simulated by every buffer of a context.</param>
    public SampleBuffers(RuntimeSimulator simulator, EvaluatorOptions options, SimulationCount total)
    {
        _simulator = simulator;
        _options = options;
        _total = total;
        var initial = Math.Min(options.MinSamples, options.MaxSamples);
        _runtime = new double[initial];
        _cost = new double[initial];
        _carbon = new double[initial];
    }

    /// <summary>Samples simulated so far.</summary>
    public long Simulated { get; private set; }

    public ReadOnlySpan<double> Runtime(int samples) => _runtime.AsSpan(0, samples);

    public ReadOnlySpan<double> Cost(int samples) => _cost.AsSpan(0, samples);

    public ReadOnlySpan<double> Carbon(int samples) => _carbon.AsSpan(0, samples);

    /// <summary>Simulates samples [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="placement"/>.</summary>
    public void Simulate(IReadOnlyList<int> placement, int from, int to)
    {
        if (to > _runtime.Length)
        {
            var size = Math.Min(Math.Max(to, 2 * _runtime.Length), _options.MaxSamples);
            Array.Resize(ref _runtime, size);
            Array.Resize(ref _cost, size);
            Array.Resize(ref _carbon, size);
        }
        _simulator.Simulate(placement, from, to, _runtime, _cost, _carbon);
        Simulated += to - from;
        _total.Add(to - from);
    }

    /// <summary>Simulates <paramref name="placement"/> in batches until the 95 % interval of its mean run time is within
    /// the tolerance (or the maximum is reached); returns the number of samples.</summary>
    public int SimulateUntilPrecise(IReadOnlyList<int> placement)
    {
        var samples = Math.Min(_options.MinSamples, _options.MaxSamples);
        Simulate(placement, 0, samples);
        while (samples < _options.MaxSamples)
        {
            var drawn = Runtime(samples);
            if (SampleStatistics.HalfWidth95(drawn) <= _options.RelativeTolerance * SampleStatistics.Mean(drawn))
            {
                break;
            }
            var next = Math.Min(samples + _options.BatchSize, _options.MaxSamples);
            Simulate(placement, samples, next);
            samples = next;
        }
        return samples;
    }

    /// <summary>Run-time mean, tail and confidence half-width, and the cost tail, of the first <paramref name="samples"/>.</summary>
    public CarbonFreeFigures.Figures CarbonFree(int samples, double tailPercentile)
    {
        var runtime = Runtime(samples);
        return new(
            SampleStatistics.Mean(runtime),
            SampleStatistics.Percentile(runtime, tailPercentile),
            SampleStatistics.HalfWidth95(runtime),
            SampleStatistics.Percentile(Cost(samples), tailPercentile));
    }
}

/// <summary>Samples simulated by a context and every context shared from it, counted across threads.</summary>
internal sealed class SimulationCount
{
    private long _samples;

    public long Samples => Interlocked.Read(ref _samples);

    public void Add(long samples) => Interlocked.Add(ref _samples, samples);
}

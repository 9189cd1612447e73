namespace Tern.Solvers.Evaluation;

/// <summary>How the Monte Carlo part of an evaluation samples.</summary>
public sealed record EvaluatorOptions
{
    /// <summary>Seed of every random draw; the same seed gives the same plan.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Sampling stops once the 95 % confidence interval of the mean run time is within this
    /// fraction of the mean (0.01 = 1 %).</summary>
    public double RelativeTolerance { get; init; } = 0.01;

    /// <summary>Samples drawn at least.</summary>
    public int MinSamples { get; init; } = 256;

    /// <summary>Samples drawn at most, whatever the confidence interval.</summary>
    public int MaxSamples { get; init; } = 8192;

    /// <summary>Samples are added in batches of this size between convergence checks.</summary>
    public int BatchSize { get; init; } = 256;
}

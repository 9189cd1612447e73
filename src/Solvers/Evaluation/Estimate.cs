namespace Tern.Solvers.Evaluation;

/// <summary>The figures of one placement for one time key, per workflow invocation.</summary>
/// <param name="CostUsd">Expected cost, USD (exact).</param>
/// <param name="CarbonGrams">Expected carbon, gCO2e (exact).</param>
/// <param name="RuntimeMeanSeconds">Mean end-to-end run time, s (Monte Carlo).</param>
/// <param name="RuntimeP95Seconds">95th percentile of the run time, s (Monte Carlo).</param>
/// <param name="CostP95Usd">95th percentile of the cost, USD (Monte Carlo).</param>
/// <param name="CarbonP95Grams">95th percentile of the carbon, gCO2e (Monte Carlo).</param>
/// <param name="Samples">Monte Carlo samples behind the run-time figures.</param>
/// <param name="RuntimeCiHalfWidthSeconds">Half-width of the 95 % confidence interval of the mean run time, s.</param>
public sealed record Estimate(
    double CostUsd,
    double CarbonGrams,
    double RuntimeMeanSeconds,
    double RuntimeP95Seconds,
    double CostP95Usd,
    double CarbonP95Grams,
    int Samples,
    double RuntimeCiHalfWidthSeconds);

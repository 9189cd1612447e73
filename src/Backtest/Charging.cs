using Tern.Solvers.Evaluation;

namespace Tern.Backtest;

/// <summary>Charges placements at the actual intensity of each hour. Expected carbon is linear in the regions'
/// intensities: carbon(p, g) = carbon(p, 0) + Σ_r g_r · kWh_r(p), where kWh_r(p) is the energy the placement draws
/// from region r's grid. So the exact model is asked once per region (with a unit intensity there and zero elsewhere)
/// and every hour is then a dot product; this also splits the carbon by the grid it came from.</summary>
internal sealed class Charging
{
    private readonly ExactMetrics _zero;
    private readonly ExactMetrics[] _unit;
    private readonly double[][] _actual;
    private readonly Dictionary<string, (double CostUsd, double FixedGrams, double[] KwhByRegion)> _cache = new(StringComparer.Ordinal);

    /// <param name="context">The evaluation context of the problem over every region.</param>
    /// <param name="codes">Its region codes, in index order.</param>
    public Charging(EvaluationContext context, IReadOnlyList<string> codes, ActualCarbon actual, int windowFrom, int hours)
    {
        var regions = codes.Count;
        _zero = context.ExactFor(new double[regions]);
        _unit = [.. Enumerable.Range(0, regions).Select(r => context.ExactFor([.. Enumerable.Range(0, regions).Select(k => k == r ? 1.0 : 0.0)]))];
        _actual = [.. codes.Select(c => actual[c].Values.AsSpan(windowFrom, hours).ToArray())];
    }

    /// <summary>The realised figures of <paramref name="hourly"/> placements, with the invocations of each UTC hour of the day.</summary>
    public StrategyResult Charge(string name, StrategyKind kind, HourlyPlacement[] hourly, IReadOnlyList<double> invocationsPerHour,
        DateTime windowStart)
    {
        var hours = hourly.Length;
        var carbon = new double[hours];
        var cost = new double[hours];
        var byRegion = new double[hours][];
        for (var h = 0; h < hours; h++)
        {
            var (costUsd, fixedGrams, kwh) = Terms(hourly[h].Placement);
            var invocations = invocationsPerHour[windowStart.AddHours(h).Hour];
            byRegion[h] = new double[kwh.Length];
            var grams = fixedGrams;
            for (var r = 0; r < kwh.Length; r++)
            {
                if (kwh[r] == 0)
                {
                    continue;
                }
                if (double.IsNaN(_actual[r][h]))
                {
                    throw new InvalidOperationException($"{name} used region index {r} in hour {h}, which has no data; the planner should have " +
                        $"dropped it.");
                }
                byRegion[h][r] = invocations * _actual[r][h] * kwh[r];
                grams += _actual[r][h] * kwh[r];
            }
            carbon[h] = invocations * grams;
            cost[h] = invocations * costUsd;
        }
        return new StrategyResult
        {
            Name = name,
            Kind = kind,
            CarbonGrams = carbon,
            CostUsd = cost,
            RuntimeP95Seconds = [.. hourly.Select(p => p.RuntimeP95Seconds)],
            Placement = [.. hourly.Select(p => p.Placement)],
            CarbonByRegion = byRegion,
        };
    }

    private (double CostUsd, double FixedGrams, double[] KwhByRegion) Terms(int[] placement)
    {
        var key = string.Join(',', placement);
        if (!_cache.TryGetValue(key, out var terms))
        {
            var (cost, fixedGrams) = _zero.Evaluate(placement);
            terms = (cost, fixedGrams, [.. _unit.Select(u => u.Evaluate(placement).CarbonGrams - fixedGrams)]);
            _cache[key] = terms;
        }
        return terms;
    }
}

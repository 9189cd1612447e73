using System.Globalization;
using System.Text;

namespace Tern.Backtest;

/// <summary>The terminal summary: one line per strategy with realised carbon, cost and run time against home.</summary>
public static class BacktestSummary
{
    public static string Header(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Request;
        return string.Create(CultureInfo.InvariantCulture,
            $"Backtest of {result.Workflow}: {ActualCarbon.Day(result.WindowStart)} to " +
                $"{ActualCarbon.Day(result.WindowStart.AddHours(result.Hours - 1))} ({result.Hours} h), " +
            $"home {result.Regions[0]}, regions {string.Join(", ", result.Regions.Skip(1))}; re-plan every {r.ReplanHours} h on {r.Forecast.Name}, " +
            $"constraints {r.ConstraintsName}, {result.Invocations.Sum():0} invocations, {r.TimeKeysPerDay} time keys; ran in " +
                $"{result.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The answer in one sentence: what the plan would have saved against home, in percent and kilograms, how far
    /// that is from the oracle, and what the best single region would have saved.</summary>
    public static string Headline(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Of(StrategyKind.Forecast);
        var saved = result.CarbonSavedPercent(plan);
        var oracle = result.CarbonSavedPercent(result.Of(StrategyKind.Oracle));
        var best = result.Of(StrategyKind.BestSingleRegion);
        var replan = result.Request.ReplanHours == 24 ? "daily" : $"every {result.Request.ReplanHours} h";
        var cost = -result.CostSavedPercent(plan);
        return string.Create(CultureInfo.InvariantCulture,
            $"Re-planned {replan} on {result.Request.Forecast.Name}, {result.Workflow} would have saved {saved:0.0} % of its carbon " +
            $"({(result.Home.TotalCarbonGrams - plan.TotalCarbonGrams) / 1000:0.###} kg) against running at home in {result.Regions[0]}, " +
            $"{oracle - saved:0.0} points short of the hourly oracle ({oracle:0.0} %), at " +
                $"{(Math.Abs(cost) < 0.05 ? "the same cost" : $"{cost:+0.0;-0.0} % cost")}; " +
            $"the {best.Name} would have saved {result.CarbonSavedPercent(best):0.0} %.");
    }

    public static string Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(Header(result));
        text.AppendLine(Headline(result));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"strategy",-36} {"kgCO2e",10} {"saved",7} {"USD",10} {"cost vs home",12} " +
            $"{"p95 s (worst h)",15} {"hours away",10}");
        foreach (var s in result.Strategies)
        {
            var away = s.Placement.Count(p => p.Any(r => r != 0));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name,-36} {s.TotalCarbonGrams / 1000,10:0.000} {result.CarbonSavedPercent(s),6:0.0}% {s.TotalCostUsd,10:0.0000} " +
                    $"{-result.CostSavedPercent(s),11:+0.0;-0.0;0.0}% {s.RuntimeP95Seconds.Max(),15:0.000} {away,10}"));
        }
        foreach (var note in result.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        return text.ToString();
    }
}

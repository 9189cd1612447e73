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
            $"Backtest of {result.Workflow}: {ActualCarbon.Day(result.WindowStart)} to {ActualCarbon.Day(result.WindowStart.AddHours(result.Hours - 1))} ({result.Hours} h), " +
            $"home {result.Regions[0]}, regions {string.Join(", ", result.Regions.Skip(1))}; re-plan every {r.ReplanHours} h on {r.Forecast.Name}, " +
            $"constraints {r.ConstraintsName}, {result.Invocations.Sum():0} invocations, {r.TimeKeysPerDay} time keys; ran in {result.Elapsed.TotalSeconds:0.0} s");
    }

    public static string Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(Header(result));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"strategy",-36} {"kgCO2e",10} {"saved",7} {"USD",10} {"cost vs home",12} {"p95 s (worst h)",15} {"hours away",10}");
        foreach (var s in result.Strategies)
        {
            var away = s.Placement.Count(p => p.Any(r => r != 0));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name,-36} {s.TotalCarbonGrams / 1000,10:0.000} {result.CarbonSavedPercent(s),6:0.0}% {s.TotalCostUsd,10:0.0000} {-result.CostSavedPercent(s),11:+0.0;-0.0;0.0}% {s.RuntimeP95Seconds.Max(),15:0.000} {away,10}"));
        }
        foreach (var note in result.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        return text.ToString();
    }
}

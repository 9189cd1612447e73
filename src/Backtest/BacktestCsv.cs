using System.Globalization;
using System.Text;

namespace Tern.Backtest;

/// <summary>The CSV outputs. days.csv: per day and strategy, the realised carbon, cost and run time of the workflow.
/// day-regions.csv: per day, strategy and region, the carbon drawn from that region's grid, the actual mean intensity,
/// the expected function runs there and which functions ran there for how many hours. Carbon from untracked downloads
/// of unknown origin belongs to no region, so the regions of a day add up to a little less than its total.</summary>
public static class BacktestCsv
{
    public const string DaysFile = "days.csv";
    public const string RegionsFile = "day-regions.csv";

    public static IReadOnlyList<string> Write(BacktestResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var days = Path.Combine(directory, DaysFile);
        var regions = Path.Combine(directory, RegionsFile);
        File.WriteAllText(days, Days(result));
        File.WriteAllText(regions, Regions(result));
        return [days, regions];
    }

    public static string Days(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder("date,strategy,invocations,carbon_g,home_carbon_g,carbon_saved_pct,cost_usd,home_cost_usd," +
            "runtime_p95_s_max,hours_away_from_home\n");
        var home = result.Home;
        foreach (var (date, hours) in Days(result.WindowStart, result.Hours))
        {
            foreach (var s in result.Strategies)
            {
                var carbon = hours.Sum(h => s.CarbonGrams[h]);
                var homeCarbon = hours.Sum(h => home.CarbonGrams[h]);
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{date},{Quote(s.Name)},{hours.Sum(h => result.Invocations[h]):0.###},{carbon:0.######},{homeCarbon:0.######}," +
                    $"{BacktestResult.Saved(homeCarbon, carbon):0.###}," +
                    $"{hours.Sum(h => s.CostUsd[h]):0.#########},{hours.Sum(h => home.CostUsd[h]):0.#########}," +
                    $"{hours.Max(h => s.RuntimeP95Seconds[h]):0.####},{hours.Count(h => s.Placement[h].Any(r => r != 0))}"));
            }
        }
        return csv.ToString();
    }

    public static string Regions(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder("date,strategy,region,actual_mean_gco2_per_kwh,carbon_g,function_hours,functions\n");
        foreach (var (date, hours) in Days(result.WindowStart, result.Hours))
        {
            foreach (var s in result.Strategies)
            {
                for (var r = 0; r < result.Regions.Count; r++)
                {
                    var region = r;
                    var intensity = hours.Select(h => result.ActualGramsPerKwh[region][h]).Where(double.IsFinite).DefaultIfEmpty(double.NaN)
                        .Average();
                    // Which instances ran here, and for how many hours of the day.
                    var ran = result.Instances.Select((name, i) => (name, Hours: hours.Count(h => s.Placement[h][i] == region)))
                        .Where(x => x.Hours > 0).ToList();
                    csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"{date},{Quote(s.Name)},{result.Regions[r]},{intensity:0.##},{hours.Sum(h => s.CarbonByRegion[h][region]):0.######}," +
                        $"{ran.Sum(x => x.Hours)},{Quote(string.Join(' ', ran.Select(x => $"{x.name}:{x.Hours}h")))}"));
                }
            }
        }
        return csv.ToString();
    }

    private static IEnumerable<(string Date, List<int> Hours)> Days(DateTime start, int hours) =>
        Enumerable.Range(0, hours).GroupBy(h => start.AddHours(h).Date).Select(g => (ActualCarbon.Day(g.Key), g.ToList()));

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"',
        StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}

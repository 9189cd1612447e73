using ScottPlot;
using Tern.Reports;

namespace Tern.Backtest;

/// <summary>The report's plots, drawn with ScottPlot and returned as SVG markup to inline in the HTML page. Every region
/// keeps one colour and every strategy one colour and line style in every plot (<see cref="RegionColour"/>,
/// <see cref="StrategyStyle"/>); legends sit outside the data area, so they never hide the ends of lines; dates are ISO.</summary>
internal static class BacktestPlots
{
    // Strategies that coincide (the forecast often matches the oracle) stay visible: the widest solid line is drawn first
    // and the others over it in narrower dashed or dotted lines.
    private static readonly (StrategyKind Kind, string Colour, int Width, string Pattern)[] Strategies =
    [
        (StrategyKind.Forecast, "#E69F00", 5, "solid"),
        (StrategyKind.Home, "#4D4D4D", 2, "solid"),
        (StrategyKind.BestSingleRegion, "#0072B2", 2, "dashed"),
        (StrategyKind.Oracle, "#009E73", 2, "dotted"),
    ];

    /// <summary>The colour of region <paramref name="index"/> (an index into <see cref="BacktestResult.Regions"/>) in every plot.</summary>
    public static Color RegionColour(int index) => ReportPlot.Colour(index);

    /// <summary>The colour, width and line pattern (solid, dashed or dotted) of a strategy in every plot.</summary>
    public static (Color Colour, int Width, string Pattern) StrategyStyle(StrategyKind kind)
    {
        var (_, colour, width, pattern) = Strategies.Single(s => s.Kind == kind);
        return (Color.FromHex(colour), width, pattern);
    }

    private static LinePattern Pattern(string name) => name switch
    {
        "dashed" => LinePattern.Dashed,
        "dotted" => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    /// <summary>Actual intensity of every region, hour by hour.</summary>
    public static string Intensity(BacktestResult result)
    {
        var plot = ReportPlot.Create("Actual grid intensity per region", "gCO2e/kWh");
        var xs = Times(result);
        for (var r = 0; r < result.Regions.Count; r++)
        {
            var line = plot.Add.ScatterLine(xs, result.ActualGramsPerKwh[r], RegionColour(r));
            line.LegendText = result.Regions[r];
            line.LineWidth = 1.5f;
        }
        return ReportPlot.Svg(plot, dates: true);
    }

    /// <summary>Where each instance ran, hour by hour, under the forecast strategy: one row per instance, one colour per region.</summary>
    public static string Placement(BacktestResult result)
    {
        var strategy = result.Of(StrategyKind.Forecast);
        var plot = ReportPlot.Create($"Placement over time ({strategy.Name})", "");
        var xs = Times(result);
        for (var r = 0; r < result.Regions.Count; r++)
        {
            var px = new List<double>();
            var py = new List<double>();
            for (var h = 0; h < result.Hours; h++)
            {
                for (var i = 0; i < result.Instances.Count; i++)
                {
                    if (strategy.Placement[h][i] == r)
                    {
                        px.Add(xs[h]);
                        py.Add(i);
                    }
                }
            }
            var points = plot.Add.ScatterPoints(px.ToArray(), py.ToArray(), RegionColour(r));
            points.LegendText = result.Regions[r];
            points.MarkerShape = MarkerShape.FilledSquare;
            points.MarkerSize = 4;
        }
        var ticks = result.Instances.Select((name, i) => new Tick(i, name)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(-0.6, result.Instances.Count - 0.4);
        return ReportPlot.Svg(plot, dates: true, height: Math.Max(ReportPlot.Height, 60 + 22 * result.Instances.Count));
    }

    /// <summary>Cumulative realised carbon of every strategy.</summary>
    public static string Cumulative(BacktestResult result)
    {
        var plot = ReportPlot.Create("Cumulative carbon", "kgCO2e");
        var xs = Times(result);
        foreach (var kind in Strategies.Select(s => s.Kind))
        {
            var s = result.Of(kind);
            var sum = 0.0;
            var ys = s.CarbonGrams.Select(g => (sum += g) / 1000).ToArray();
            var (colour, width, pattern) = StrategyStyle(kind);
            var line = plot.Add.ScatterLine(xs, ys, colour);
            line.LegendText = s.Name;
            line.LineWidth = width;
            line.LinePattern = Pattern(pattern);
        }
        return ReportPlot.Svg(plot, dates: true);
    }

    /// <summary>Carbon saved against home per UTC hour of the day, per strategy.</summary>
    public static string SavingsByHour(BacktestResult result)
    {
        var plot = ReportPlot.Create("Carbon saved against home by UTC hour of the day", "% saved");
        var others = Strategies.Select(s => s.Kind).Where(k => k != StrategyKind.Home).ToList();
        var width = 0.8 / others.Count;
        for (var k = 0; k < others.Count; k++)
        {
            var s = result.Of(others[k]);
            var colour = StrategyStyle(others[k]).Colour;
            var bars = Enumerable.Range(0, 24).Select(hour =>
            {
                var hours = Enumerable.Range(0, result.Hours).Where(h => result.HourAt(h).Hour == hour).ToList();
                var saved = BacktestResult.Saved(hours.Sum(h => result.Home.CarbonGrams[h]), hours.Sum(h => s.CarbonGrams[h]));
                return new Bar { Position = hour - 0.4 + width * (k + 0.5), Value = saved, Size = width, FillColor = colour };
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = s.Name, FillColor = colour });
        }
        plot.Axes.Bottom.Label.Text = "UTC hour";
        plot.Axes.SetLimitsX(-0.7, 23.7);
        return ReportPlot.Svg(plot, dates: false);
    }

    private static double[] Times(BacktestResult result) => [.. Enumerable.Range(0, result.Hours).Select(h => result.HourAt(h).ToOADate())];
}

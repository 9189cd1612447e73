using ScottPlot;

namespace Tern.Backtest;

/// <summary>The report's plots, drawn with ScottPlot and returned as SVG markup to inline in the HTML page.</summary>
internal static class BacktestPlots
{
    private const int Width = 960;
    private const int Height = 360;

    /// <summary>Actual intensity of every region, hour by hour.</summary>
    public static string Intensity(BacktestResult result)
    {
        var plot = NewPlot("Actual grid intensity per region", "gCO2e/kWh");
        var xs = Times(result);
        for (var r = 0; r < result.Regions.Count; r++)
        {
            var line = plot.Add.ScatterLine(xs, result.ActualGramsPerKwh[r]);
            line.LegendText = result.Regions[r];
            line.LineWidth = 1.5f;
        }
        return Svg(plot, dates: true);
    }

    /// <summary>Where each instance ran, hour by hour, under the forecast strategy: one row per instance, one colour per region.</summary>
    public static string Placement(BacktestResult result)
    {
        var strategy = result.Of(StrategyKind.Forecast);
        var plot = NewPlot($"Placement over time ({strategy.Name})", "");
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
            var points = plot.Add.ScatterPoints(px.ToArray(), py.ToArray());
            points.LegendText = result.Regions[r];
            points.MarkerShape = MarkerShape.FilledSquare;
            points.MarkerSize = 4;
        }
        var ticks = result.Instances.Select((name, i) => new Tick(i, name)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(-0.6, result.Instances.Count - 0.4);
        return Svg(plot, dates: true, height: Math.Max(Height, 60 + 22 * result.Instances.Count));
    }

    /// <summary>Cumulative realised carbon of every strategy.</summary>
    public static string Cumulative(BacktestResult result)
    {
        var plot = NewPlot("Cumulative carbon", "kgCO2e");
        var xs = Times(result);
        foreach (var s in result.Strategies)
        {
            var sum = 0.0;
            var ys = s.CarbonGrams.Select(g => (sum += g) / 1000).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = s.Name;
            line.LineWidth = 2;
        }
        return Svg(plot, dates: true);
    }

    /// <summary>Carbon saved against home per UTC hour of the day, per strategy.</summary>
    public static string SavingsByHour(BacktestResult result)
    {
        var plot = NewPlot("Carbon saved against home by UTC hour of the day", "% saved");
        var others = result.Strategies.Where(s => s.Kind != StrategyKind.Home).ToList();
        var width = 0.8 / others.Count;
        for (var k = 0; k < others.Count; k++)
        {
            var s = others[k];
            var bars = Enumerable.Range(0, 24).Select(hour =>
            {
                var hours = Enumerable.Range(0, result.Hours).Where(h => result.HourAt(h).Hour == hour).ToList();
                var saved = BacktestResult.Saved(hours.Sum(h => result.Home.CarbonGrams[h]), hours.Sum(h => s.CarbonGrams[h]));
                return new Bar { Position = hour - 0.4 + width * (k + 0.5), Value = saved, Size = width, FillColor = plot.Add.Palette.GetColor(k + 1) };
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = s.Name, FillColor = plot.Add.Palette.GetColor(k + 1) });
        }
        plot.Axes.Bottom.Label.Text = "UTC hour";
        plot.Axes.SetLimitsX(-0.7, 23.7);
        return Svg(plot, dates: false);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static double[] Times(BacktestResult result) => [.. Enumerable.Range(0, result.Hours).Select(h => result.HourAt(h).ToOADate())];

    private static string Svg(Plot plot, bool dates, int height = Height)
    {
        if (dates)
        {
            plot.Axes.DateTimeTicksBottom();
        }
        var svg = plot.GetSvgXml(Width, height);
        // Inline SVG in HTML must not carry an XML declaration.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}

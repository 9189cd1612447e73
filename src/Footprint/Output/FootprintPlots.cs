using ScottPlot;
using Tern.Reports;

namespace Tern.Footprint.Output;

/// <summary>The report's plots, drawn with ScottPlot as inline SVG in the look all reports share (<see cref="ReportPlot"/>).</summary>
internal static class FootprintPlots
{
    private static Color Energy => ReportPlot.Colour(0);

    private static Color Emissions => ReportPlot.Colour(1);

    private static Color Intensity => ReportPlot.Colour(2);

    /// <summary>Energy and emissions of all jobs together, per settlement period.</summary>
    public static string PerPeriod(FootprintResult result)
    {
        var plot = ReportPlot.Create("Energy and emissions per 30-minute settlement period", "kWh / kgCO2e");
        var periods = Periods(result);
        var width = 1.0 / 48 * 0.45;
        var energy = periods.Select(p => new Bar { Position = p.Key.ToOADate() - width / 2, Value = p.Value.Wh / 1000, Size = width,
            FillColor = Energy }).ToList();
        var grams = periods.Select(p => new Bar { Position = p.Key.ToOADate() + width / 2, Value = p.Value.Grams / 1000, Size = width,
            FillColor = Emissions }).ToList();
        plot.Add.Bars(energy);
        plot.Add.Bars(grams);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "kWh", FillColor = Energy });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "kgCO2e", FillColor = Emissions });
        return ReportPlot.Svg(plot, dates: true);
    }

    /// <summary>The intensity each period was charged at.</summary>
    public static string IntensityCharged(FootprintResult result)
    {
        var plot = ReportPlot.Create("Grid intensity charged per settlement period", "gCO2e/kWh");
        var charged = result.Jobs.SelectMany(j => j.Periods).Where(p => p.GramsPerKwh is not null)
            .GroupBy(p => p.Period.Start).OrderBy(g => g.Key).Select(g => (g.Key.UtcDateTime.ToOADate(), g.First().GramsPerKwh!.Value)).ToList();
        var points = plot.Add.ScatterPoints(charged.Select(c => c.Item1).ToArray(), charged.Select(c => c.Item2).ToArray(), Intensity);
        points.LegendText = result.Intensity;
        points.MarkerShape = MarkerShape.FilledSquare;
        points.MarkerSize = 5;
        return ReportPlot.Svg(plot, dates: true);
    }

    /// <summary>The jobs that emitted most.</summary>
    public static string TopJobs(FootprintResult result)
    {
        var top = FootprintSummary.Top(result);
        var plot = ReportPlot.Create($"Top {top.Count} jobs by emissions", "");
        var bars = top.Select((j, i) => new Bar { Position = i, Value = j.Grams / 1000, FillColor = Emissions, Size = 0.7 }).ToList();
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "kgCO2e", FillColor = Emissions });
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. top.Select((j, i) => new Tick(i, j.Job.Id))]);
        plot.Axes.Bottom.Label.Text = "kgCO2e";
        plot.Axes.SetLimitsY(top.Count - 0.4, -0.6);
        return ReportPlot.Svg(plot, dates: false, height: Math.Max(200, 60 + 28 * top.Count));
    }

    private static List<KeyValuePair<DateTime, (double Wh, double Grams)>> Periods(FootprintResult result) =>
        [.. result.Jobs.SelectMany(j => j.Periods).GroupBy(p => p.Period.Start.UtcDateTime).OrderBy(g => g.Key)
            .Select(g => KeyValuePair.Create(g.Key, (g.Sum(p => p.EnergyWh), g.Sum(p => p.Grams ?? 0))))];
}

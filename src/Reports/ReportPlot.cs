using System.Globalization;
using ScottPlot;

namespace Tern.Reports;

/// <summary>The look every Tern report shares, so a reader moving from the backtest to the footprint or a simulation
/// sees the same plots: 1000 px wide, a title and a y label, legends beside the data (never over the ends of lines),
/// ISO dates on time axes, the colour-blind-safe Category10 palette, and SVG ready to inline in an HTML page.</summary>
public static class ReportPlot
{
    public const int Width = 1000;
    public const int Height = 360;

    /// <summary>Colour <paramref name="index"/> of the palette every report uses (regions, series).</summary>
    public static Color Colour(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>An empty plot with a title, a y-axis label and the legend on the right.</summary>
    public static Plot Create(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The plot as SVG markup for an HTML page; <paramref name="dates"/> reads the x axis as OLE automation
    /// dates and labels it "yyyy-MM-dd" at midnight, "yyyy-MM-dd HH:mm" otherwise.</summary>
    public static string Svg(Plot plot, bool dates, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (dates)
        {
            var axis = plot.Axes.DateTimeTicksBottom();
            if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
            {
                automatic.LabelFormatter = t =>
                    t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            }
        }
        var svg = plot.GetSvgXml(Width, height);
        // Inline SVG in HTML must not carry an XML declaration.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}

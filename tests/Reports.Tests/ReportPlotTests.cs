using System.Xml.Linq;

namespace Tern.Reports.Tests;

public class ReportPlotTests
{
    [Fact]
    public void A_plot_becomes_svg_that_an_html_page_can_inline()
    {
        var plot = ReportPlot.Create("Title & more", "g");
        plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 2, 3 });

        var svg = ReportPlot.Svg(plot, dates: false);

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        var root = XElement.Parse(svg);
        Assert.Equal(ReportPlot.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), root.Attribute("width")?.Value);
        Assert.Equal("svg", root.Name.LocalName);
    }

    [Fact]
    public void A_time_axis_is_labelled_with_iso_dates()
    {
        var plot = ReportPlot.Create("Days", "");
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        plot.Add.ScatterLine(Enumerable.Range(0, 4).Select(d => start.AddDays(d).ToOADate()).ToArray(), new double[] { 1, 2, 3, 4 });

        var svg = ReportPlot.Svg(plot, dates: true);

        // ScottPlot draws text as paths, so the labels are read from the formatter of the axis it rendered.
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        var ticks = Assert.IsType<ScottPlot.TickGenerators.DateTimeAutomatic>(plot.Axes.Bottom.TickGenerator);
        Assert.Equal("2026-03-02", ticks.LabelFormatter!(start.AddDays(1)));
        Assert.Equal("2026-03-02 06:30", ticks.LabelFormatter!(start.AddDays(1).AddHours(6.5)));
    }

    [Fact]
    public void The_palette_gives_distinct_colours_to_the_first_ten_series()
    {
        Assert.Equal(10, Enumerable.Range(0, 10).Select(i => ReportPlot.Colour(i).ToHex()).Distinct().Count());
    }
}

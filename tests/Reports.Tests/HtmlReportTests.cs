namespace Tern.Reports.Tests;

public class HtmlReportTests
{
    [Fact]
    public void A_page_is_self_contained_and_escapes_what_came_from_data()
    {
        var html = HtmlReport.Begin("<workflow>");
        HtmlReport.Figures(html, [("plot-a", "<svg></svg>")]);
        HtmlReport.List(html, "Notes", "notes", ["a < b", "c & d"]);

        var page = HtmlReport.End(html);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\n", page, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;workflow&gt;</title>", page, StringComparison.Ordinal);
        Assert.Contains("<figure id=\"plot-a\"><svg></svg></figure>", page, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"notes\"><li>a &lt; b</li><li>c &amp; d</li></ul>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", page, StringComparison.Ordinal);
    }
}

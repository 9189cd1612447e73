using System.Globalization;
using System.Net;
using System.Text;

namespace Tern.Reports;

/// <summary>The parts every Tern HTML report shares: a self-contained page (no script and no external resource, so it
/// opens from a file, offline, and can be attached to a ticket), one style, plots inlined as SVG figures, escaped lists.
/// Each report writes its own sections between <see cref="Begin"/> and <see cref="End"/>.</summary>
public static class HtmlReport
{
    private const string Style = "body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}" +
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}";

    /// <summary>A page whose browser title is <paramref name="title"/> (escaped here), open for its sections.</summary>
    public static StringBuilder Begin(string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title><style>{Style}</style></head><body>\n");
        return html;
    }

    /// <summary>Each plot as a figure with its id, in order.</summary>
    public static void Figures(StringBuilder html, IEnumerable<(string Id, string Svg)> figures)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var (id, svg) in figures)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{Escape(id)}\">{svg}</figure>\n");
        }
    }

    /// <summary>A heading and a bulleted list with its id, every item escaped.</summary>
    public static void List(StringBuilder html, string heading, string id, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(items);
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Escape(heading)}</h2>\n<ul id=\"{Escape(id)}\">");
        foreach (var item in items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Escape(item)}</li>");
        }
        html.Append("</ul>\n");
    }

    /// <summary>The finished page.</summary>
    public static string End(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>Text made safe to place in HTML.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}

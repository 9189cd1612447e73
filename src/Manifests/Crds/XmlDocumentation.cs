using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tern.Manifests.Crds;

/// <summary>The &lt;summary&gt; of types and properties, read from the XML documentation file the
/// compiler writes next to an assembly; these become the CRD field descriptions.</summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Loads the documentation of <paramref name="assembly"/> from its .xml file beside it.</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The XML documentation of {assembly.GetName().Name} is missing at {path}; build with GenerateDocumentationFile=true.", path);
        }
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var id = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (id is not null && summary is not null)
            {
                summaries[id] = Flatten(summary);
            }
        }
        return new XmlDocumentation(summaries);
    }

    /// <summary>The summary of a type, or null.</summary>
    public string? Of(Type type) => _summaries.GetValueOrDefault($"T:{DocName(type)}");

    /// <summary>The summary of a property, or null.</summary>
    public string? Of(PropertyInfo property) =>
        property.DeclaringType is { } declaring ? _summaries.GetValueOrDefault($"P:{DocName(declaring)}.{property.Name}") : null;

    private static string DocName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    // <c>x</c> becomes x and <see cref="T:A.B"/> becomes B: descriptions are read in a terminal, not a browser.
    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } see =>
                    see.Attribute("langword")?.Value ?? LastSegment(see.Attribute("cref")?.Value ?? see.Value),
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
                XElement other => Flatten(other),
                _ => "",
            });
        }
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static string LastSegment(string cref) => cref[(cref.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

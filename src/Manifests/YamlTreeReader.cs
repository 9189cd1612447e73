using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tern.Manifests;

/// <summary>Reads a multi-document YAML stream into <see cref="YamlTree"/> nodes with positions. Documents
/// before a syntax error are kept; the error is reported with its line and column.</summary>
internal static class YamlTreeReader
{
    public sealed record Result(IReadOnlyList<YamlDocumentTree> Documents, IReadOnlyList<ManifestProblem> Problems);

    public static Result Read(TextReader text)
    {
        var documents = new List<YamlDocumentTree>();
        var problems = new List<ManifestProblem>();
        var parser = new Parser(text);
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var builder = new DocumentBuilder(parser, problems, documents.Count + 1);
                var root = parser.Accept<DocumentEnd>(out _) ? null : builder.ReadNode();
                var end = parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocumentTree(documents.Count + 1, root, Position(start.Start), end.End.Index - start.Start.Index));
            }
        }
        catch (YamlException e)
        {
            var later = documents.Count > 0 ? $" The {documents.Count} document(s) before it were read; nothing after it was." : "";
            problems.Add(new ManifestProblem(Position(e.Start), documents.Count + 1, "",
                $"YAML syntax error: {Describe(e)}.{later}",
                "Fix the YAML at this line and column (check indentation, ':' after keys, and quotes)."));
        }
        return new Result(documents, problems);
    }

    internal static SourcePosition Position(Mark mark) => new(mark.Line, mark.Column);

    // YamlDotNet prefixes its messages with the positions, which we print ourselves.
    private static string Describe(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var dash = message.IndexOf("): ", StringComparison.Ordinal);
        return (dash >= 0 ? message[(dash + 3)..] : message).TrimEnd('.');
    }

    /// <summary>Builds the nodes of one document, resolving aliases to the anchored node.</summary>
    private sealed class DocumentBuilder(IParser parser, List<ManifestProblem> problems, int documentNumber)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

        public YamlNode ReadNode()
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        return anchored;
                    }
                    throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor");
                case Scalar scalar:
                    parser.MoveNext();
                    return Remember(scalar.Anchor, new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain,
                        scalar.Tag.IsEmpty ? null : scalar.Tag.Value, Position(scalar.Start)));
                case SequenceStart start:
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadNode());
                    }
                    return Remember(start.Anchor, new YamlSequence(items, Position(start.Start)));
                case MappingStart start:
                    parser.MoveNext();
                    return Remember(start.Anchor, ReadMapping(start));
                default:
                    var current = parser.Current!;
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private YamlMapping ReadMapping(MappingStart start)
        {
            var entries = new List<YamlEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode();
                var value = ReadNode();
                if (keyNode is YamlScalar key)
                {
                    entries.Add(new YamlEntry(key, value));
                }
                else
                {
                    problems.Add(new ManifestProblem(keyNode.Position, documentNumber, "",
                        "a mapping key is itself a list or mapping; Kubernetes objects only have string keys.",
                            "Write a plain name before the ':'."));
                }
            }
            return new YamlMapping(entries, Position(start.Start));
        }

        private YamlNode Remember(YamlDotNet.Core.AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            return node;
        }
    }
}

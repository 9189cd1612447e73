namespace Tern.Manifests;

/// <summary>A place in a file, 1-based, as editors show it.</summary>
public readonly record struct SourcePosition(long Line, long Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A YAML node that remembers where it was written, so errors can point at the line.</summary>
public abstract record YamlNode(SourcePosition Position);

/// <summary>A scalar; <paramref name="Plain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record YamlScalar(string Value, bool Plain, string? Tag, SourcePosition Position) : YamlNode(Position);

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourcePosition Position) : YamlNode(Position);

internal sealed record YamlMapping(IReadOnlyList<YamlEntry> Entries, SourcePosition Position) : YamlNode(Position);

internal sealed record YamlEntry(YamlScalar Key, YamlNode Value);

/// <summary>One document of a YAML stream; <paramref name="Root"/> is null for an empty document.</summary>
internal sealed record YamlDocumentTree(int Number, YamlNode? Root, SourcePosition Start, long SizeChars);

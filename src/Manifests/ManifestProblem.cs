namespace Tern.Manifests;

/// <summary>A problem found in a manifest file: where (line and column, document, JSON path), what is
/// wrong and how to fix it.</summary>
public sealed record ManifestProblem(SourcePosition? Position, int Document, string Path, string Problem, string Fix)
{
    public override string ToString() =>
        (Path.Length > 0 ? $"{Path}: " : "") + $"{Problem} {Fix}";
}

namespace Tern.Manifests;

/// <summary>What `tern validate` found in one document of a file.</summary>
/// <param name="Number">1-based position of the document in the file.</param>
/// <param name="Kind">The document's kind, when it has one.</param>
/// <param name="Name">The object's metadata.name, when it has one.</param>
/// <param name="Problems">Every problem, in the order they appear in the file.</param>
/// <param name="Skipped">Why the document was not checked (it is not a Tern resource), or null.</param>
/// <param name="Resource">The decoded ServerlessWorkflow or CarbonSource (possibly with problems), or null.</param>
public sealed record DocumentReport(int Number, string? Kind, string? Name, IReadOnlyList<ManifestProblem> Problems, string? Skipped,
    object? Resource = null);

/// <summary>What `tern validate` found in one file.</summary>
public sealed record FileReport(string File, IReadOnlyList<DocumentReport> Documents, IReadOnlyList<ManifestProblem> FileProblems)
{
    public int ErrorCount => FileProblems.Count + Documents.Sum(d => d.Problems.Count);
}

namespace Tern.Entities.Validation;

/// <summary>One problem in a resource: where it is, what is wrong and how to fix it.</summary>
/// <param name="Path">JSON path of the offending field, for example spec.functions[2].calls[0].function.</param>
/// <param name="Problem">What is wrong, as a sentence.</param>
/// <param name="Fix">How to fix it, as a sentence.</param>
public sealed record ValidationError(string Path, string Problem, string Fix)
{
    /// <summary>The error as one line: path, problem and fix.</summary>
    public override string ToString() => $"{Path}: {Problem} {Fix}";
}

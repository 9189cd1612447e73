namespace Tern.Entities.Validation;

/// <summary>Builds the JSON paths that errors name (spec.functions[2].calls[0].function).</summary>
public static class FieldPath
{
    /// <summary>parent.name</summary>
    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>parent[index]</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    // Map keys that are not plain identifiers (region codes have '-') are written as ["key"].
    public static string Key(string parent, string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && key.Length > 0 && !char.IsAsciiDigit(key[0])
            ? $"{parent}.{key}"
            : $"{parent}[\"{key}\"]";
}

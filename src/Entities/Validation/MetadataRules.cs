namespace Tern.Entities.Validation;

internal static class MetadataRules
{
    public static void CheckName(string name, string what, Func<string, bool> isValid, string rule, List<ValidationError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(new("metadata.name", $"{what} needs a name.", "Set metadata.name."));
        }
        else if (!isValid(name))
        {
            errors.Add(new("metadata.name", $"'{name}' is not a valid name.", $"Use {rule}."));
        }
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Validation;

/// <summary>What a write goes through before it is stored, in a real API server's order: unknown and duplicate
/// fields (per fieldValidation), pruning, defaults, then the structural schema and CEL rules of a custom resource.
/// Built-in kinds are checked for their name and duplicate fields only.</summary>
internal sealed partial class ObjectAdmission(SchemaValidator validator)
{
    /// <summary>The object to store, or a 400/422 <see cref="StatusException"/>; warnings go to <paramref name="warnings"/>.</summary>
    public JsonObject Admit(ResourceKind kind, JsonObject? stored, JsonObject proposed, FieldValidation mode, IReadOnlyList<string> duplicates,
        ICollection<string> warnings)
    {
        var unknown = new List<string>();
        if (kind.IsCustom && kind.Schema is { } schema)
        {
            Pruning.Prune(proposed, schema, unknown);
        }
        var problems = duplicates.Select(d => $"duplicate field \"{d}\"").Concat(unknown.Select(u => $"unknown field \"{u}\"")).ToList();
        if (problems.Count > 0 && mode == FieldValidation.Strict)
        {
            throw new StatusException(400, "BadRequest",
                $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: " +
                $"strict decoding error: {string.Join(", ", problems)}");
        }
        if (mode == FieldValidation.Warn)
        {
            foreach (var problem in problems)
            {
                warnings.Add(problem);
            }
        }
        var name = proposed["metadata"]?["name"]?.GetValue<string>() ?? "";
        var errors = new List<FieldError>();
        if (stored is null && !DnsSubdomain().IsMatch(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", JsonValue.Create(name),
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                "and must start and end with an alphanumeric character"));
        }
        if (kind.IsCustom && kind.Schema is { } structural)
        {
            Defaulting.Apply(proposed, structural);
            errors.AddRange(validator.Validate(proposed, structural, stored));
        }
        if (errors.Count > 0)
        {
            throw Invalid(kind, name, errors);
        }
        return proposed;
    }

    private static StatusException Invalid(ResourceKind kind, string name, List<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        return new StatusException(422, "Invalid", $"{kind.QualifiedKind} \"{name}\" is invalid: {list}")
        {
            Details = new JsonObject
            {
                ["name"] = name,
                ["group"] = kind.Group,
                ["kind"] = kind.Kind,
                ["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToCause())]),
            },
        };
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}

using System.Text.Json.Nodes;

namespace Tern.Sandbox.Validation;

/// <summary>One problem with one field, as a real API server reports it in a Status cause.</summary>
/// <param name="Field">The field's path, for example spec.functions[0].memoryMiB.</param>
/// <param name="Reason">The cause's reason: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, …</param>
/// <param name="Detail">What is wrong, for example "Required value" or "Invalid value: 3: must be at least 128".</param>
internal sealed record FieldError(string Field, string Reason, string Detail)
{
    public override string ToString() => $"{Field}: {Detail}";

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Detail, ["field"] = Field };

    public static FieldError Invalid(string field, JsonNode? value, string why) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Show(value)}: {why}");

    public static FieldError Required(string field) => new(field, "FieldValueRequired", "Required value");

    /// <summary>How a real server shows a value in "Invalid value:": scalars as JSON, objects and lists by type.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        null => "\"null\"",
        _ => value.ToJsonString(),
    };
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Serialization;

namespace Tern.Sandbox.Validation;

/// <summary>Reading a structural schema node (one level of a CRD's openAPIV3Schema).</summary>
internal static class SchemaNode
{
    public static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>();

    public static bool Flag(JsonObject schema, string name) => schema[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static bool PreservesUnknownFields(JsonObject schema) => Flag(schema, "x-kubernetes-preserve-unknown-fields");

    public static JsonObject? Property(JsonObject schema, string name) =>
        schema["properties"]?[name] as JsonObject ?? schema["additionalProperties"] as JsonObject;

    public static bool Knows(JsonObject schema, string name) =>
        schema["properties"] is JsonObject properties && properties.ContainsKey(name) || schema["additionalProperties"] is JsonObject
        || schema["additionalProperties"] is JsonValue allowed && allowed.TryGetValue<bool>(out var yes) && yes || PreservesUnknownFields(schema);

    public static JsonObject? Items(JsonObject schema) => schema["items"] as JsonObject;

    public static string ListType(JsonObject schema) => schema["x-kubernetes-list-type"]?.GetValue<string>() ?? "atomic";

    public static IReadOnlyList<string> ListMapKeys(JsonObject schema) =>
        schema["x-kubernetes-list-map-keys"] is JsonArray keys ? [.. keys.Select(k => k!.GetValue<string>())] : [];

    public static double? Number(JsonObject schema, string name) => JsonNumbers.TryGetDouble(schema[name], out var value) ? value : null;

    public static string Child(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";
}

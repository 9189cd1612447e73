using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;
using Tern.Sandbox.Serialization;

namespace Tern.Sandbox.Validation;

/// <summary>A schema node's CEL rules (x-kubernetes-validations), evaluated with the NuGet package Cel with
/// <c>self</c> (and <c>oldSelf</c> on updates) bound to the value. A rule that uses oldSelf is a transition rule,
/// checked only when there is an old value, as on a real server. A rule the library cannot compile or evaluate
/// is reported as an invalid value naming the rule, never skipped silently.</summary>
internal sealed class CelRules
{
    private readonly Lock _gate = new();
    private readonly CelEnvironment _environment = new(null, null);
    private readonly ConcurrentDictionary<string, CelProgramDelegate> _programs = new(StringComparer.Ordinal);

    public IEnumerable<FieldError> Check(JsonNode value, JsonObject schema, string path, JsonNode? old)
    {
        if (schema["x-kubernetes-validations"] is not JsonArray validations)
        {
            yield break;
        }
        foreach (var validation in validations.OfType<JsonObject>())
        {
            var rule = validation["rule"]?.GetValue<string>() ?? "";
            var transition = rule.Contains("oldSelf", StringComparison.Ordinal);
            if (transition && old is null)
            {
                continue;
            }
            var field = path + (validation["fieldPath"]?.GetValue<string>() ?? "");
            var reason = validation["reason"]?.GetValue<string>() ?? "FieldValueInvalid";
            var variables = new Dictionary<string, object?> { ["self"] = ToCel(value) };
            if (transition)
            {
                variables["oldSelf"] = ToCel(old);
            }
            string? failure;
            try
            {
                failure = Evaluate(rule, variables) is true ? null : Message(validation, rule, variables);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"rule could not be evaluated by the sandbox's CEL library ({e.Message}): {rule}";
            }
            if (failure is not null)
            {
                yield return new FieldError(field, reason, $"Invalid value: {FieldError.Show(value)}: {failure}");
            }
        }
    }

    /// <summary>Compiles <paramref name="rule"/>; the error text when the library cannot.</summary>
    public string? CompileError(string rule)
    {
        try
        {
            Program(rule);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }

    private string Message(JsonObject validation, string rule, Dictionary<string, object?> variables)
    {
        if (validation["messageExpression"]?.GetValue<string>() is { } expression && Evaluate(expression, variables) is string built)
        {
            return built;
        }
        return validation["message"]?.GetValue<string>() ?? $"failed rule: {rule}";
    }

    private object? Evaluate(string expression, Dictionary<string, object?> variables)
    {
        var program = Program(expression);
        lock (_gate)
        {
            return program(variables);
        }
    }

    private CelProgramDelegate Program(string expression) => _programs.GetOrAdd(expression, e =>
    {
        lock (_gate)
        {
            return _environment.Compile(e);
        }
    });

    /// <summary>JSON as CEL values: maps, lists, strings, 64-bit integers, doubles, booleans, null.</summary>
    private static object? ToCel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(p => p.Key, p => ToCel(p.Value)),
        JsonArray list => list.Select(ToCel).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True,
        JsonValue v when JsonNumbers.TryGetInt64(v, out var whole) && !v.ToJsonString().Contains('.', StringComparison.Ordinal) => whole,
        JsonValue v => JsonNumbers.TryGetDouble(v, out var number) ? number : null,
        _ => null,
    };
}

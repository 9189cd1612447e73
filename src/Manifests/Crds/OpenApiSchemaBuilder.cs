using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Tern.Entities.Schema;
using Tern.Entities.Serialization;

namespace Tern.Manifests.Crds;

/// <summary>Turns a spec or status type into the OpenAPI v3 structural schema of a CRD: the JSON schema
/// System.Text.Json exports for the type, plus what the attributes and XML docs say (descriptions,
/// defaults, bounds, enums, CEL rules, list-map keys), then made structural.</summary>
internal sealed class OpenApiSchemaBuilder(XmlDocumentation docs)
{
    private static readonly JsonSerializerOptions Json = TernJson.Options;

    /// <summary>The structural schema of <paramref name="type"/>.</summary>
    public JsonObject Build(Type type)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Annotate,
        };
        var exported = Json.GetJsonSchemaAsNode(type, exporter).AsObject();
        return StructuralSchema.From(exported);
    }

    private JsonNode Annotate(JsonSchemaExporterContext context, JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }
        if (context.PropertyInfo?.AttributeProvider is PropertyInfo property)
        {
            AnnotateProperty(schema, property, context.PropertyInfo);
        }
        if (!schema.ContainsKey("$ref"))
        {
            AnnotateType(schema, context.TypeInfo);
        }
        return schema;
    }

    private void AnnotateProperty(JsonObject schema, PropertyInfo property, JsonPropertyInfo jsonProperty)
    {
        SetIfPresent(schema, "description", docs.Of(property));
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema["default"] = JsonSerializer.SerializeToNode(defaultValue.Value, jsonProperty.PropertyType, Json);
        }
        else if (IsDefaultedObject(jsonProperty))
        {
            // An omitted object that C# initialises with `new()` must get its nested defaults on the
            // server too; the API server only defaults inside objects that exist.
            schema["default"] = new JsonObject();
        }
        var isString = jsonProperty.PropertyType == typeof(string);
        var kind = Json.GetTypeInfo(jsonProperty.PropertyType).Kind;
        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            schema[isString ? "maxLength" : kind == JsonTypeInfoKind.Dictionary ? "maxProperties" : "maxItems"] = maxLength.Length;
        }
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            schema[isString ? "minLength" : kind == JsonTypeInfoKind.Dictionary ? "minProperties" : "minItems"] = minLength.Length;
        }
        if (property.GetCustomAttribute<ItemMaxLengthAttribute>() is { } itemMaxLength
            && (schema["items"] ?? schema["additionalProperties"]) is JsonObject items)
        {
            items["maxLength"] = itemMaxLength.Length;
        }
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            AddRange(schema, range);
        }
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }
        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            schema["enum"] = new JsonArray([.. allowed.Values.Select(v => JsonSerializer.SerializeToNode(v, Json))]);
        }
        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } keys)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Keys.Select(k => (JsonNode)k)]);
        }
        AddCelRules(schema, property.GetCustomAttributes<CelRuleAttribute>());
    }

    private void AnnotateType(JsonObject schema, JsonTypeInfo typeInfo)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (!schema.ContainsKey("description"))
        {
            SetIfPresent(schema, "description", docs.Of(type));
        }
        AddCelRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var required = typeInfo.Properties
            .Where(p => p.IsRequired || p.AttributeProvider is PropertyInfo info && info.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => p.Name)
            .ToList();
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }
    }

    private static bool IsDefaultedObject(JsonPropertyInfo property)
    {
        if (property.IsRequired || Nullable.GetUnderlyingType(property.PropertyType) is not null
            || property.AttributeProvider is not PropertyInfo info || IsNullable(info))
        {
            return false;
        }
        var typeInfo = Json.GetTypeInfo(property.PropertyType);
        return typeInfo.Kind == JsonTypeInfoKind.Object
            && typeInfo.Properties.Any(p => p.AttributeProvider is PropertyInfo nested
                && nested.GetCustomAttribute<DefaultValueAttribute>() is not null);
    }

    private static bool IsNullable(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;

    private static void AddRange(JsonObject schema, RangeAttribute range)
    {
        var minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
        schema["minimum"] = AsNumber(minimum);
        if (range.MinimumIsExclusive)
        {
            schema["exclusiveMinimum"] = true;
        }
        // int.MaxValue and friends stand for "no upper bound" in the attributes.
        if (maximum < int.MaxValue)
        {
            schema["maximum"] = AsNumber(maximum);
        }
    }

    private static JsonValue AsNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static void AddCelRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        foreach (var rule in rules)
        {
            if (schema["x-kubernetes-validations"] is not JsonArray list)
            {
                list = [];
                schema["x-kubernetes-validations"] = list;
            }
            var entry = new JsonObject { ["rule"] = rule.Rule, ["message"] = rule.Message };
            if (rule.FieldPath is not null)
            {
                entry["fieldPath"] = rule.FieldPath;
            }
            list.Add(entry);
        }
    }

    private static void SetIfPresent(JsonObject schema, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            schema[key] = value;
        }
    }
}

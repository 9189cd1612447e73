using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;
using Tern.Entities.Schema;

namespace Tern.Manifests.Crds;

/// <summary>Builds the apiextensions.k8s.io/v1 CustomResourceDefinition of an entity type from its
/// attributes (group, kind, scope, short names, printer columns) and the schemas of its spec and status.</summary>
internal sealed class CrdBuilder(XmlDocumentation docs)
{
    private readonly OpenApiSchemaBuilder _schemas = new(docs);

    /// <summary>The CRD of <paramref name="entityType"/> as a JSON object, in the key order kubectl prints.</summary>
    public JsonObject Build(Type entityType)
    {
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entityType.Name} has no [KubernetesEntity] attribute.", nameof(entityType));
        var plural = entity.PluralName ?? throw new ArgumentException($"{entityType.Name} must name its plural.", nameof(entityType));
        var names = new JsonObject
        {
            ["kind"] = entity.Kind,
            ["listKind"] = entity.Kind + "List",
            ["plural"] = plural,
            ["singular"] = entity.Kind.ToLowerInvariant(),
        };
        if (entityType.GetCustomAttribute<ShortNamesAttribute>() is { } shortNames)
        {
            names["shortNames"] = Strings(shortNames.Names);
        }
        names["categories"] = Strings(["tern"]);

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.{entity.Group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = entity.Group,
                ["names"] = names,
                ["scope"] = entityType.GetCustomAttribute<ClusterScopedAttribute>() is null ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(Version(entityType, entity)),
            },
        };
    }

    private JsonObject Version(Type entityType, KubernetesEntityAttribute entity)
    {
        var version = new JsonObject
        {
            ["name"] = entity.ApiVersion,
            ["served"] = true,
            ["storage"] = true,
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
        };
        var columns = entityType.GetCustomAttributes<PrinterColumnAttribute>().ToList();
        if (columns.Count > 0)
        {
            version["additionalPrinterColumns"] = new JsonArray([.. columns.Select(Column)]);
        }
        version["schema"] = new JsonObject { ["openAPIV3Schema"] = RootSchema(entityType) };
        return version;
    }

    private static JsonObject Column(PrinterColumnAttribute column)
    {
        var json = new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = column.Type,
            ["jsonPath"] = column.JsonPath,
            ["description"] = column.Description,
        };
        if (column.Priority != 0)
        {
            json["priority"] = column.Priority;
        }
        return json;
    }

    private JsonObject RootSchema(Type entityType)
    {
        var spec = entityType.GetProperty("Spec") ?? throw new ArgumentException($"{entityType.Name} has no Spec.", nameof(entityType));
        var status = entityType.GetProperty("Status") ?? throw new ArgumentException($"{entityType.Name} has no Status.", nameof(entityType));
        var specSchema = _schemas.Build(spec.PropertyType);
        specSchema["description"] = docs.Of(spec);
        var statusSchema = _schemas.Build(status.PropertyType);
        statusSchema["description"] = docs.Of(status);
        return new JsonObject
        {
            ["description"] = docs.Of(entityType),
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = docs.Of(entityType.GetProperty("ApiVersion")!), ["type"] = "string" },
                ["kind"] = new JsonObject { ["description"] = docs.Of(entityType.GetProperty("Kind")!), ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = Reorder(specSchema),
                ["status"] = Reorder(statusSchema),
            },
            ["required"] = Strings(["spec"]),
        };
    }

    // Keeps "description" first after it was set on an already ordered schema.
    private static JsonObject Reorder(JsonObject schema)
    {
        var ordered = new JsonObject { ["description"] = schema["description"]?.DeepClone() };
        foreach (var (key, value) in schema.Where(p => p.Key != "description"))
        {
            ordered[key] = value?.DeepClone();
        }
        return ordered;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.OpenApi;

/// <summary>The OpenAPI documents built from the served kinds: v2 (/openapi/v2, one document) and v3 (the
/// /openapi/v3 index and one document per group-version). Their paths carry, on every write, the query
/// parameters kubectl checks for before it leaves validation and dry runs to the server (fieldValidation,
/// dryRun, fieldManager, force), and patch content types: no strategic merge patch for custom resources, so
/// that kubectl's client-side apply sends them a JSON merge patch, as with a real server.</summary>
internal static class OpenApiDocuments
{
    private const string ServerVersion = "v1.36.0";

    public static JsonObject V2(IReadOnlyList<ResourceKind> kinds)
    {
        static string Reference(string name) => "#/definitions/" + name;
        var definitions = new JsonObject();
        var schemas = kinds.Select(k => (Name: SchemaNames.Of(k), Schema: SchemaNames.Schema(k, Reference))).ToList();
        foreach (var (name, schema) in SchemaNames.Referenced(schemas.Select(s => (JsonNode)s.Schema), Reference))
        {
            definitions[name] = schema;
        }
        foreach (var (name, schema) in schemas)
        {
            definitions[name] = schema;
        }
        var paths = new JsonObject();
        foreach (var kind in kinds)
        {
            foreach (var (path, item) in OpenApiOperations.Paths(kind, Reference(SchemaNames.Of(kind)), v3: false))
            {
                paths[path] = item;
            }
        }
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (Tern loopback sandbox)", ["version"] = ServerVersion },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    /// <summary>The v3 index: for each group-version, where its document is, with a hash of its content.</summary>
    public static JsonObject V3Index(IReadOnlyList<ResourceKind> kinds)
    {
        var paths = new JsonObject();
        foreach (var group in kinds.GroupBy(k => (k.Group, k.Version)))
        {
            var key = GroupVersionPath(group.Key.Group, group.Key.Version);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(V3(kinds, group.Key.Group, group.Key.Version)!.ToJsonString())));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? V3(IReadOnlyList<ResourceKind> kinds, string group, string version)
    {
        var members = kinds.Where(k => k.Group == group && k.Version == version).ToList();
        if (members.Count == 0)
        {
            return null;
        }
        static string Reference(string name) => "#/components/schemas/" + name;
        var schemas = new JsonObject();
        var own = members.Select(k => (Name: SchemaNames.Of(k), Schema: SchemaNames.Schema(k, Reference))).ToList();
        foreach (var (name, schema) in SchemaNames.Referenced(own.Select(s => (JsonNode)s.Schema), Reference))
        {
            schemas[name] = schema;
        }
        foreach (var (name, schema) in own)
        {
            schemas[name] = schema;
        }
        var paths = new JsonObject();
        foreach (var kind in members)
        {
            foreach (var (path, item) in OpenApiOperations.Paths(kind, Reference(SchemaNames.Of(kind)), v3: true))
            {
                paths[path] = item;
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (Tern loopback sandbox)", ["version"] = ServerVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>"api/v1" for the core group, "apis/{group}/{version}" otherwise.</summary>
    public static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.OpenApi;

/// <summary>The path items of one kind in an OpenAPI document (v2 or v3): list and create on the collection,
/// get, replace, patch and delete on an object, and the same on /status when the kind has it.</summary>
internal static class OpenApiOperations
{
    private static readonly string[] CustomPatchTypes = ["application/json-patch+json", "application/merge-patch+json",
        "application/apply-patch+yaml"];
    private static readonly string[] Namespace = ["namespace"];
    private static readonly string[] Name = ["name"];
    private static readonly string[] BuiltInPatchTypes = [.. CustomPatchTypes, "application/strategic-merge-patch+json"];

    public static IEnumerable<(string Path, JsonObject Item)> Paths(ResourceKind kind, string schemaReference, bool v3)
    {
        var root = "/" + OpenApiDocuments.GroupVersionPath(kind.Group, kind.Version);
        var collection = kind.Namespaced ? $"{root}/namespaces/{{namespace}}/{kind.Plural}" : $"{root}/{kind.Plural}";
        var gvk = new JsonObject { ["group"] = kind.Group, ["kind"] = kind.Kind, ["version"] = kind.Version };
        JsonObject Operation(string action, string verb, string[] parameters, string[]? consumes = null) =>
            Build(kind, action, verb, parameters, consumes, schemaReference, gvk, v3);
        yield return (collection, new JsonObject
        {
            ["get"] = Operation("list", "list", ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch"]),
            ["post"] = Operation("post", "create", ["dryRun", "fieldManager", "fieldValidation"]),
            ["parameters"] = PathParameters(kind, withName: false, v3),
        });
        if (kind.Namespaced)
        {
            yield return ($"{root}/{kind.Plural}", new JsonObject
            {
                ["get"] = Operation("list", "list", ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch"]),
            });
        }
        var patchTypes = kind.IsCustom ? CustomPatchTypes : BuiltInPatchTypes;
        foreach (var (path, subresource) in kind.HasStatus ? new[] { (collection + "/{name}", ""), (collection + "/{name}/status",
            "Status") } : [(collection + "/{name}", "")])
        {
            var item = new JsonObject
            {
                ["get"] = Operation("get", "read" + subresource, []),
                ["put"] = Operation("put", "replace" + subresource, ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation("patch", "patch" + subresource, ["dryRun", "fieldManager", "fieldValidation", "force"], patchTypes),
                ["parameters"] = PathParameters(kind, withName: true, v3),
            };
            if (subresource.Length == 0)
            {
                item["delete"] = Operation("delete", "delete", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]);
            }
            yield return (path, item);
        }
    }

    private static JsonObject Build(ResourceKind kind, string action, string verb, string[] parameters, string[]? consumes, string schemaReference,
        JsonObject gvk, bool v3)
    {
        var operation = new JsonObject
        {
            ["description"] = $"{verb} {kind.Kind}",
            ["operationId"] = $"{verb}{kind.Kind}",
            ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)Query(p, v3))]),
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        var schema = new JsonObject { ["$ref"] = schemaReference };
        if (v3)
        {
            if (consumes is not null || action is "post" or "put")
            {
                operation["requestBody"] = new JsonObject
                {
                    ["content"] = new JsonObject([.. (consumes ?? ["application/json"]).Select(c =>
                        KeyValuePair.Create(c, (JsonNode?)new JsonObject { ["schema"] = schema.DeepClone() }))]),
                };
            }
            operation["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } },
                },
            };
        }
        else
        {
            operation["consumes"] = new JsonArray([.. (consumes ?? ["application/json"]).Select(c => (JsonNode)JsonValue.Create(c))]);
            operation["produces"] = new JsonArray("application/json", "application/yaml");
            operation["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = schema } };
        }
        return operation;
    }

    private static JsonObject Query(string name, bool v3)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = "query", ["description"] = name };
        var type = name is "limit" or "gracePeriodSeconds" ? "integer" : name is "force" or "watch" ? "boolean" : "string";
        if (v3)
        {
            parameter["schema"] = new JsonObject { ["type"] = type };
        }
        else
        {
            parameter["type"] = type;
        }
        return parameter;
    }

    private static JsonArray PathParameters(ResourceKind kind, bool withName, bool v3)
    {
        var parameters = new JsonArray();
        foreach (var name in (kind.Namespaced ? Namespace : []).Concat(withName ? Name : []))
        {
            var parameter = new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = $"{name} of the {kind.Kind}" };
            if (v3)
            {
                parameter["schema"] = new JsonObject { ["type"] = "string" };
            }
            else
            {
                parameter["type"] = "string";
            }
            parameters.Add(parameter);
        }
        return parameters;
    }
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Discovery;

/// <summary>The discovery documents kubectl and helm read to map kinds to URLs: the legacy ones (/api, /api/v1,
/// /apis, /apis/{group}, /apis/{group}/{version}) and the aggregated ones (apidiscovery.k8s.io v2 and v2beta1,
/// asked for through the Accept header).</summary>
internal static class DiscoveryDocuments
{
    public static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(IReadOnlyList<ResourceKind> kinds) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups(kinds).Select(g => (JsonNode)Group(g.Key, g))]),
    };

    public static JsonObject? Group(string group, IReadOnlyList<ResourceKind> kinds)
    {
        var members = kinds.Where(k => k.Group == group).ToList();
        return members.Count == 0 ? null : Group(group, members);
    }

    public static JsonObject? ResourceList(string group, string version, IReadOnlyList<ResourceKind> kinds)
    {
        var members = kinds.Where(k => k.Group == group && k.Version == version).ToList();
        if (members.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var kind in members)
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = Strings(Verbs),
            };
            if (kind.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(kind.ShortNames);
            }
            if (kind.Categories.Count > 0)
            {
                resource["categories"] = Strings(kind.Categories);
            }
            resources.Add(resource);
            if (kind.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = kind.Plural + "/status", ["singularName"] = "", ["namespaced"] = kind.Namespaced, ["kind"] = kind.Kind,
                    ["verbs"] = Strings(SubresourceVerbs),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = members[0].ApiVersion,
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated document of the core group (<paramref name="core"/>) or of every other group.</summary>
    public static JsonObject Aggregated(IReadOnlyList<ResourceKind> kinds, bool core, string version) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = $"apidiscovery.k8s.io/{version}",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. Groups(kinds).Where(g => (g.Key.Length == 0) == core).Select(g => (JsonNode)AggregatedGroup(g.Key, g))]),
    };

    private static IEnumerable<IGrouping<string, ResourceKind>> Groups(IReadOnlyList<ResourceKind> kinds) =>
        kinds.Where(k => k.Group.Length > 0).GroupBy(k => k.Group).Concat(kinds.Where(k => k.Group.Length == 0).GroupBy(k => k.Group));

    private static JsonObject Group(string group, IEnumerable<ResourceKind> kinds)
    {
        var versions = kinds.Select(k => k.Version).Distinct().Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}",
            ["version"] = v }).ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[0]!.DeepClone(),
        };
    }

    private static JsonObject AggregatedGroup(string group, IEnumerable<ResourceKind> kinds)
    {
        var versions = new JsonArray();
        foreach (var byVersion in kinds.GroupBy(k => k.Version))
        {
            var resources = new JsonArray();
            foreach (var kind in byVersion)
            {
                var responseKind = new JsonObject { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };
                var resource = new JsonObject
                {
                    ["resource"] = kind.Plural,
                    ["responseKind"] = responseKind,
                    ["scope"] = kind.Namespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = kind.Singular,
                    ["verbs"] = Strings(Verbs),
                };
                if (kind.ShortNames.Count > 0)
                {
                    resource["shortNames"] = Strings(kind.ShortNames);
                }
                if (kind.Categories.Count > 0)
                {
                    resource["categories"] = Strings(kind.Categories);
                }
                if (kind.HasStatus)
                {
                    resource["subresources"] = new JsonArray(new JsonObject
                    {
                        ["subresource"] = "status", ["responseKind"] = responseKind.DeepClone(), ["verbs"] = Strings(SubresourceVerbs),
                    });
                }
                resources.Add(resource);
            }
            versions.Add(new JsonObject { ["version"] = byVersion.Key, ["resources"] = resources, ["freshness"] = "Current" });
        }
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = group }, ["versions"] = versions };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}

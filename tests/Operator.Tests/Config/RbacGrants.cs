using System.Text.Json.Nodes;

namespace Tern.Operator.Tests.Config;

/// <summary>A Role's or ClusterRole's rules flattened to "group/resource[names]" and its sorted verbs, so
/// tests compare grants exactly whatever the rules' grouping, and a grant added anywhere is seen.</summary>
internal static class RbacGrants
{
    public static SortedDictionary<string, string> Of(JsonNode role)
    {
        var grants = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in role["rules"]!.AsArray())
        {
            var names = rule!["resourceNames"] is { } list ? $"[{string.Join(",", Strings(list))}]" : "";
            foreach (var group in Strings(rule["apiGroups"]))
            {
                foreach (var resource in Strings(rule["resources"]))
                {
                    var key = $"{group}/{resource}{names}";
                    var verbs = Strings(rule["verbs"]).Concat(grants.TryGetValue(key, out var seen) ? seen.Split(',') : []);
                    grants[key] = string.Join(",", verbs.Distinct().Order(StringComparer.Ordinal));
                }
            }
        }
        return grants;
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>());
}

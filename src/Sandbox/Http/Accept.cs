namespace Tern.Sandbox.Http;

/// <summary>What the Accept header asks for, among what the sandbox can answer: JSON, a meta.k8s.io Table, or an
/// aggregated discovery document (apidiscovery.k8s.io v2 or v2beta1). The sandbox speaks no protobuf or CBOR:
/// a request that accepts only those gets 406, so that clients fall back.</summary>
internal sealed record Accept(bool Table, string? AggregatedDiscovery, bool JsonAcceptable)
{
    public static Accept Parse(string? header)
    {
        var table = false;
        string? discovery = null;
        var json = string.IsNullOrWhiteSpace(header);
        foreach (var entry in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var type = parts[0];
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (type is "application/json" or "application/yaml" or "*/*" or "application/*")
            {
                var shape = parameters.GetValueOrDefault("as");
                if (shape == "Table" && parameters.GetValueOrDefault("g") == "meta.k8s.io")
                {
                    table = true;
                }
                else if (shape == "APIGroupDiscoveryList" && parameters.GetValueOrDefault("g") == "apidiscovery.k8s.io" && discovery is null)
                {
                    discovery = parameters.GetValueOrDefault("v");
                }
                else if (shape is null)
                {
                    json = true;
                }
            }
        }
        return new Accept(table, discovery is "v2" or "v2beta1" ? discovery : null, json || table || discovery is not null);
    }
}

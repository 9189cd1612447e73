using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Planning.CaribouBench.Model;

// The subset of a Caribou bench document (schema caribou-solver-bench-input/1, described in the README that comes with the bench documents)
// that Caribou's deployment solver reads. Everything else in the document is ignored on purpose.

/// <summary>A bench document: Caribou's DynamoDB table documents for one workflow, as JSON.</summary>
internal sealed record BenchDocument
{
    [JsonPropertyName("schema")] public string? Schema { get; init; }
    [JsonPropertyName("case")] public BenchCase? Case { get; init; }
    [JsonPropertyName("workflow_config")] public WorkflowConfig? WorkflowConfig { get; init; }
    [JsonPropertyName("tables")] public BenchTables? Tables { get; init; }
}

public sealed record BenchCase
{
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>Caribou's workflow_config.py: the solver-side workflow config.</summary>
internal sealed record WorkflowConfig
{
    [JsonPropertyName("workflow_name")] public string? WorkflowName { get; init; }
    [JsonPropertyName("workflow_version")] public string? WorkflowVersion { get; init; }
    [JsonPropertyName("workflow_id")] public string? WorkflowId { get; init; }

    // Instance order is meaningful (Caribou's InstanceIndexer), hence the ordered dictionary.
    [JsonPropertyName("instances")] public OrderedDictionary<string, InstanceConfig>? Instances { get; init; }
    [JsonPropertyName("home_region")] public RegionRef? HomeRegion { get; init; }
    [JsonPropertyName("constraints")] public ConstraintsConfig? Constraints { get; init; }
    [JsonPropertyName("regions_and_providers")] public RegionsAndProviders? RegionsAndProviders { get; init; }
}

internal sealed record InstanceConfig
{
    [JsonPropertyName("instance_name")] public string? InstanceName { get; init; }
    [JsonPropertyName("regions_and_providers")] public RegionsAndProviders? RegionsAndProviders { get; init; }
    [JsonPropertyName("succeeding_instances")] public IReadOnlyList<string>? SucceedingInstances { get; init; }
}

/// <summary>Caribou's deployment_algorithm.py: allowed/disallowed regions and per-provider function settings.</summary>
internal sealed record RegionsAndProviders
{
    [JsonPropertyName("allowed_regions")] public IReadOnlyList<RegionRef>? AllowedRegions { get; init; }
    [JsonPropertyName("disallowed_regions")] public IReadOnlyList<RegionRef>? DisallowedRegions { get; init; }
    [JsonPropertyName("providers")] public IReadOnlyDictionary<string, ProviderSettings?>? Providers { get; init; }
}

internal sealed record ProviderSettings
{
    [JsonPropertyName("config")] public FunctionConfig? Config { get; init; }
}

internal sealed record FunctionConfig
{
    [JsonPropertyName("memory")] public int? Memory { get; init; }
    [JsonPropertyName("vcpu")] public double? Vcpu { get; init; }
    [JsonPropertyName("architecture")] public string? Architecture { get; init; }
}

/// <summary>A region as the config names it: <c>{provider, region}</c> or the string <c>"provider:region"</c>.</summary>
[JsonConverter(typeof(RegionRefConverter))]
internal sealed record RegionRef(string Provider, string Region)
{
    /// <summary>The key Caribou's tables use, for example <c>aws:us-east-1</c>.</summary>
    public string Key => $"{Provider}:{Region}";
}

internal sealed class RegionRefConverter : JsonConverter<RegionRef>
{
    public override RegionRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? "";
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? new RegionRef("aws", text) : new RegionRef(text[..colon], text[(colon + 1)..]);
        }
        using var element = JsonDocument.ParseValue(ref reader);
        var root = element.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("region", out var region) || region.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("a region must be \"provider:region\" or {\"provider\": ..., \"region\": ...}");
        }
        var provider = root.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "aws";
        return new RegionRef(provider, region.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, RegionRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("provider", value.Provider);
        writer.WriteString("region", value.Region);
        writer.WriteEndObject();
    }
}

/// <summary>Caribou's workflow_config_schema.py, ranker.py: hard and soft bounds and the ranking order.</summary>
internal sealed record ConstraintsConfig
{
    [JsonPropertyName("hard_resource_constraints")] public IReadOnlyDictionary<string, ConstraintValue?>? Hard { get; init; }
    [JsonPropertyName("soft_resource_constraints")] public IReadOnlyDictionary<string, ConstraintValue?>? Soft { get; init; }
    [JsonPropertyName("priority_order")] public IReadOnlyList<string>? PriorityOrder { get; init; }
}

internal sealed record ConstraintValue
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("value")] public double? Value { get; init; }
}

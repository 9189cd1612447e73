using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Aws.Placement;

/// <summary>The placement a workflow's functions route by: for each time key of the day, which region (and which
/// function ARN) each function instance runs in, plus the home placement used once the record has expired. This
/// record is the wire contract shared with function code in any language: its JSON names are fixed here and
/// described in Placement/README.md; a change that old readers cannot ignore raises <see cref="SchemaVersion"/>.</summary>
public sealed record PlacementRecord
{
    /// <summary>The schema version this code writes and the highest it reads.</summary>
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("workflow")]
    public required string Workflow { get; init; }

    /// <summary>1 for the first record, one more for each later write; writes are conditional on it.</summary>
    [JsonPropertyName("version")]
    public required long Version { get; init; }

    [JsonPropertyName("generatedAt")]
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>After this instant readers use <see cref="Home"/> until a newer record is written.</summary>
    [JsonPropertyName("expiresAt")]
    public required DateTimeOffset ExpiresAt { get; init; }

    [JsonPropertyName("homeRegion")]
    public required string HomeRegion { get; init; }

    /// <summary>Instance → where it runs in the home placement.</summary>
    [JsonPropertyName("home")]
    public required IReadOnlyDictionary<string, PlacementTarget> Home { get; init; }

    /// <summary>The placements by time key, ordered by start hour; a key applies from its start hour until the next.</summary>
    [JsonPropertyName("timeKeys")]
    public required IReadOnlyList<TimeKeyPlacement> TimeKeys { get; init; }

    /// <summary>The call graph function code routes by; absent in records written before it existed.</summary>
    [JsonPropertyName("graph")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallGraph? Graph { get; init; }

    /// <summary>Where a call to <paramref name="instance"/> goes at <paramref name="now"/>: home once the record has expired,
    /// else the copy the current time key names, else home; null when the record has no home copy for it.</summary>
    public PlacementTarget? TargetAt(string instance, DateTimeOffset now)
    {
        var home = Home.GetValueOrDefault(instance);
        if (now >= ExpiresAt)
        {
            return home;
        }
        return TimeKeyAt(TimeKeys, now)?.Instances.GetValueOrDefault(instance) ?? home;
    }

    /// <summary>The time key that applies at <paramref name="now"/>: the one with the largest start hour at or before the
    /// current UTC hour, or the last one before the first key of the day (the day wraps). Hours are compared as numbers;
    /// compared as text, "3" sorts after "20" and hour 20 would get the wrong key.</summary>
    public static TimeKeyPlacement? TimeKeyAt(IReadOnlyList<TimeKeyPlacement> keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return null;
        }
        var hour = now.UtcDateTime.Hour;
        var ordered = keys.OrderBy(k => k.StartHourUtc).ToList();
        return ordered.LastOrDefault(k => k.StartHourUtc <= hour) ?? ordered[^1];
    }

    /// <summary>The record as JSON, exactly as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PlacementJson.Options);

    /// <summary>Reads a stored record.</summary>
    /// <exception cref="JsonException">The text is not a placement record.</exception>
    public static PlacementRecord FromJson(string json) =>
        JsonSerializer.Deserialize<PlacementRecord>(json, PlacementJson.Options) ?? throw new JsonException("the placement record is JSON null");
}

/// <summary>One time key's placement.</summary>
/// <param name="StartHourUtc">The UTC hour (0–23) from which this key applies.</param>
/// <param name="Instances">Instance → where it runs.</param>
public sealed record TimeKeyPlacement(
    [property: JsonPropertyName("startHourUtc")] int StartHourUtc,
    [property: JsonPropertyName("instances")] IReadOnlyDictionary<string, PlacementTarget> Instances);

/// <summary>Where one function instance runs.</summary>
/// <param name="Function">The workflow function's name.</param>
/// <param name="Region">The AWS region of the copy.</param>
/// <param name="FunctionArn">The copy's Lambda ARN, which callers invoke.</param>
public sealed record PlacementTarget(
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("functionArn")] string FunctionArn);

/// <summary>The record's JSON settings: names come from the attributes, timestamps are ISO 8601.</summary>
internal static class PlacementJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}

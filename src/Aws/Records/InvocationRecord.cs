using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Aws.Records;

/// <summary>One execution of one function instance in one run of a workflow, as the function library writes it and
/// the operator reads it to build the workflow's profile. This record is the wire contract shared with function code
/// in any language: its JSON names are fixed here and described in Records/README.md; a change that old readers cannot
/// ignore raises <see cref="SchemaVersion"/>.</summary>
public sealed record InvocationRecord
{
    /// <summary>The schema version this code writes and the highest it reads.</summary>
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The run (one invocation of the whole workflow) this execution belongs to.</summary>
    [JsonPropertyName("runId")]
    public required string RunId { get; init; }

    /// <summary>The workflow as "namespace/name".</summary>
    [JsonPropertyName("workflow")]
    public required string Workflow { get; init; }

    /// <summary>The instance that ran: the function's name, or function#n when the workflow calls it from several places.</summary>
    [JsonPropertyName("instance")]
    public required string Instance { get; init; }

    [JsonPropertyName("function")]
    public required string Function { get; init; }

    /// <summary>The AWS region of the copy that ran.</summary>
    [JsonPropertyName("region")]
    public required string Region { get; init; }

    /// <summary>Lambda's request id of the execution; an id seen twice is a retried execution.</summary>
    [JsonPropertyName("requestId")]
    public required string RequestId { get; init; }

    /// <summary>When the handler started.</summary>
    [JsonPropertyName("startedAt")]
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the execution took, handler and outgoing calls included, in milliseconds.</summary>
    [JsonPropertyName("durationMs")]
    public required double DurationMs { get; init; }

    /// <summary>The memory Lambda bills the execution for, in MiB.</summary>
    [JsonPropertyName("billedMemoryMiB")]
    public required int BilledMemoryMiB { get; init; }

    /// <summary>True for the first execution of a fresh copy (the process started for it).</summary>
    [JsonPropertyName("coldStart")]
    public required bool ColdStart { get; init; }

    /// <summary>Bytes of payload the execution received (for a join, all predecessors' payloads together).</summary>
    [JsonPropertyName("payloadBytesIn")]
    public required long PayloadBytesIn { get; init; }

    /// <summary>Bytes of payload the execution sent to its successors, summed.</summary>
    [JsonPropertyName("payloadBytesOut")]
    public required long PayloadBytesOut { get; init; }

    /// <summary>True when the run was chosen to stay in the home region (to keep the home profile fresh).</summary>
    [JsonPropertyName("homeRun")]
    public required bool HomeRun { get; init; }

    /// <summary>The placement record version the execution routed by; 0 when none was found.</summary>
    [JsonPropertyName("placementVersion")]
    public required long PlacementVersion { get; init; }

    /// <summary>Who called this execution and how long the call took to arrive; null for the run's entry.</summary>
    [JsonPropertyName("caller")]
    public CallerInfo? Caller { get; init; }

    /// <summary>Every successor the workflow declares for this instance: called or not, where, and how big the payload was.</summary>
    [JsonPropertyName("successors")]
    public required IReadOnlyList<SuccessorCall> Successors { get; init; }

    /// <summary>The handler's error message when it failed; null when it succeeded.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>The record as JSON, exactly as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RecordJson.Options);

    /// <summary>Reads a stored record.</summary>
    /// <exception cref="JsonException">The text is not an invocation record.</exception>
    public static InvocationRecord FromJson(string json) =>
        JsonSerializer.Deserialize<InvocationRecord>(json, RecordJson.Options) ?? throw new JsonException("the invocation record is JSON null");
}

/// <summary>The execution that called this one.</summary>
/// <param name="Instance">The calling instance.</param>
/// <param name="Region">The region the caller ran in.</param>
/// <param name="LatencyMs">From the caller sending the invoke to this execution starting, in milliseconds (it includes
/// Lambda's queueing and, on a cold start, the start-up; for a join, the call of the predecessor that released it).</param>
public sealed record CallerInfo(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("latencyMs")] double LatencyMs);

/// <summary>One successor the workflow declares for the instance that ran.</summary>
/// <param name="Instance">The successor instance.</param>
/// <param name="Called">True when this execution called it; false for a conditional non-call (or a failure before it).</param>
/// <param name="Region">The region the call went to; null when not called.</param>
/// <param name="PayloadBytes">The payload's size; 0 when not called.</param>
public sealed record SuccessorCall(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("called")] bool Called,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("payloadBytes")] long PayloadBytes);

/// <summary>The record's JSON settings: names come from the attributes, timestamps are ISO 8601.</summary>
internal static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tern.Functions.Routing;

/// <summary>What one Tern function sends the next: the run's context under "tern" and the payload. An event without
/// "tern" starts a run at the entry function (a client invoking the workflow). Documented in src/Functions/README.md.</summary>
internal sealed record Envelope
{
    public const string ContextName = "tern";
    public const string PayloadName = "payload";

    [JsonPropertyName("runId")]
    public required string RunId { get; init; }

    /// <summary>The instance this event is for.</summary>
    [JsonPropertyName("instance")]
    public required string Instance { get; init; }

    /// <summary>Calls made one after another before this one (0 at the entry).</summary>
    [JsonPropertyName("hops")]
    public int Hops { get; init; }

    /// <summary>True when the run stays in the home region; null at the entry when the client left it to the function.</summary>
    [JsonPropertyName("home")]
    public bool? Home { get; init; }

    [JsonPropertyName("callerInstance")]
    public string? CallerInstance { get; init; }

    [JsonPropertyName("callerRegion")]
    public string? CallerRegion { get; init; }

    /// <summary>When the caller sent the invoke: the receiver's start minus this is the call's latency.</summary>
    [JsonPropertyName("sentAt")]
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>True for a join: its payloads are in the run's item, not in the event.</summary>
    [JsonPropertyName("join")]
    public bool Join { get; init; }

    /// <summary>The event as sent: {"tern": context, "payload": payload}.</summary>
    public byte[] Serialize(string? payloadJson)
    {
        var context = JsonSerializer.SerializeToNode(this, EnvelopeJson.Options)!;
        var text = new StringBuilder("{\"").Append(ContextName).Append("\":").Append(context.ToJsonString(EnvelopeJson.Options));
        if (payloadJson is not null)
        {
            text.Append(",\"").Append(PayloadName).Append("\":").Append(payloadJson);
        }
        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    /// <summary>Splits an event into Tern's context (null for a client's event) and the payload's JSON text.</summary>
    /// <exception cref="JsonException">The event is not JSON.</exception>
    public static (Envelope? Context, string Payload) Parse(byte[] body)
    {
        var node = body.Length == 0 ? null : JsonNode.Parse(body);
        if (node is JsonObject obj && obj[ContextName] is JsonObject context)
        {
            var envelope = context.Deserialize<Envelope>(EnvelopeJson.Options) ?? throw new JsonException("the tern context is null");
            return (envelope, obj[PayloadName]?.ToJsonString() ?? "null");
        }
        return (null, body.Length == 0 ? "null" : Encoding.UTF8.GetString(body));
    }
}

internal static class EnvelopeJson
{
    public static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}

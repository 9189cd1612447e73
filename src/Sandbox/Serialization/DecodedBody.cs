using System.Text.Json.Nodes;

namespace Tern.Sandbox.Serialization;

/// <summary>A request body as JSON, with the fields that appeared twice (the last one wins, as in a real server).</summary>
internal sealed record DecodedBody(JsonNode? Value, IReadOnlyList<string> DuplicateFields);

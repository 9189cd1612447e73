using System.Text.Json.Serialization;

namespace Tern.Carbon.WattTime.Model;

/// <summary>The body of /login: a bearer token valid for 30 minutes.</summary>
internal sealed record LoginResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }
}

using System.Text.Json.Serialization;

namespace Tern.Carbon.WattTime.Model;

/// <summary>The body of /login: a bearer token valid for 30 minutes. ToString never shows the token.</summary>
internal sealed record LoginResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    public override string ToString() => $"LoginResponse {{ Token = {(Token is null ? "none" : "***")} }}";
}

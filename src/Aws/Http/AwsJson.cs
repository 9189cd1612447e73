using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Aws.Http;

/// <summary>How request and response bodies are written and read per protocol.</summary>
internal static class AwsJson
{
    /// <summary>Lambda (REST-JSON): member names as the models spell them (PascalCase).</summary>
    public static readonly JsonSerializerOptions RestJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>ECR (JSON 1.1): camelCase member names.</summary>
    public static readonly JsonSerializerOptions Json11 = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Converters = { new EpochSecondsConverter() },
    };
}

using System.Text.Json;

namespace Tern.Carbon.Http;

/// <summary>How provider bodies are decoded: the models name every property, so only the number handling
/// needs saying (Prometheus and some proxies send numbers as strings).</summary>
internal static class CarbonJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString | System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

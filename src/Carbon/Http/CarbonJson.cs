using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Carbon.Http;

/// <summary>How provider bodies are decoded: the models name every property, so only the number handling
/// needs saying (Prometheus and some proxies send numbers as strings).</summary>
internal static class CarbonJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

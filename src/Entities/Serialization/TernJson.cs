using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Entities.Serialization;

/// <summary>The JSON shape of Tern's resources as the Kubernetes API stores them: camelCase names,
/// enums as strings, absent optional fields left out.</summary>
public static class TernJson
{
    /// <summary>Options for reading and writing Tern's custom resources.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The API server prunes unknown fields, and `tern validate` reports them with their line
            // before decoding, so by the time an object is decoded they can be skipped.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Functions;

namespace TextToSpeech;

/// <summary>The text-to-speech workflow's functions. The "speech" is stand-in work (the text's bytes, transformed), so the
/// sample runs anywhere; the shape is what matters: get-input fans out to text-2-speech and profanity, profanity calls
/// censor only when it finds a profanity (a conditional call), and compression joins conversion and censor.</summary>
public static class Handlers
{
    private static readonly string[] Profanities = ["darn", "heck", "blast"];

    /// <summary>The handler of <paramref name="function"/>.</summary>
    /// <exception cref="ArgumentException">The workflow has no such function.</exception>
    public static TernHandler For(string function) => function switch
    {
        "get-input" => GetInputAsync,
        "text-2-speech" => TextToSpeechAsync,
        "conversion" => ConversionAsync,
        "profanity" => ProfanityAsync,
        "censor" => CensorAsync,
        "compression" => CompressionAsync,
        _ => throw new ArgumentException($"The text-to-speech workflow has no function '{function}'; check TERN_FUNCTION.", nameof(function)),
    };

    private static async Task<string?> GetInputAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var text = JsonNode.Parse(payload)?["text"]?.GetValue<string>() ?? "";
        var message = Json(new JsonObject { ["text"] = text });
        await router.InvokeAsync("text-2-speech", message, ct);
        await router.InvokeAsync("profanity", message, ct);
        return Json(new JsonObject { ["runId"] = router.RunId });
    }

    private static async Task<string?> TextToSpeechAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var text = JsonNode.Parse(payload)!["text"]!.GetValue<string>();
        var audio = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        await router.InvokeAsync("conversion", Json(new JsonObject { ["audio"] = audio }), ct);
        return null;
    }

    private static async Task<string?> ConversionAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var audio = JsonNode.Parse(payload)!["audio"]!.GetValue<string>();
        await router.InvokeAsync("compression", Json(new JsonObject { ["audio"] = audio, ["format"] = "wav" }), ct);
        return null;
    }

    private static async Task<string?> ProfanityAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var words = JsonNode.Parse(payload)!["text"]!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = words.Where(w => Profanities.Contains(w.Trim('.', ',', '!', '?'), StringComparer.OrdinalIgnoreCase)).ToList();
        // A clean text calls nothing: the join after censor is released instead of waiting for it.
        if (found.Count > 0)
        {
            await router.InvokeAsync("censor", Json(new JsonObject { ["profanities"] = new JsonArray([.. found.Select(f => JsonValue.Create(f))]) }),
                ct);
        }
        return null;
    }

    private static async Task<string?> CensorAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var count = JsonNode.Parse(payload)!["profanities"]!.AsArray().Count;
        await router.InvokeAsync("compression", Json(new JsonObject { ["bleeps"] = count }), ct);
        return null;
    }

    /// <summary>The join: its payload is the array of what conversion and (when it ran) censor sent.</summary>
    private static Task<string?> CompressionAsync(string payload, IWorkflowRouter router, CancellationToken ct)
    {
        var parts = JsonNode.Parse(payload)!.AsArray();
        var audio = parts.Select(p => p?["audio"]?.GetValue<string>()).FirstOrDefault(a => a is not null) ?? "";
        var bleeps = parts.Select(p => p?["bleeps"]?.GetValue<int>() ?? 0).Sum();
        return Task.FromResult<string?>(Json(new JsonObject { ["bytes"] = audio.Length / 2, ["bleeps"] = bleeps }));
    }

    private static string Json(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Default);
}

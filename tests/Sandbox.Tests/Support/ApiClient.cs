using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tern.Sandbox.Tests.Support;

/// <summary>Plain HTTP requests to the loopback server, for what kubectl does not show (Status causes, headers).</summary>
public sealed class ApiClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server };

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new ApiResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), warnings, retryAfter);
    }

    public Task<ApiResponse> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public void Dispose() => _http.Dispose();
}

/// <summary>An answer: its code, its JSON body, its Warning headers and Retry-After.</summary>
public sealed record ApiResponse(HttpStatusCode Code, JsonNode? Body, IReadOnlyList<string> Warnings, TimeSpan? RetryAfter)
{
    /// <summary>The fields of a Status' causes.</summary>
    public IReadOnlyList<string> CauseFields =>
        [.. (Body?["details"]?["causes"] as JsonArray ?? []).Select(c => c!["field"]?.GetValue<string>() ?? "")];

    public string Message => Body?["message"]?.GetValue<string>() ?? "";
}

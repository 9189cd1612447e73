using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tern.Functions.Runtime;

/// <summary>The Lambda Runtime API (version 2018-06-01), as a custom runtime speaks it: fetch the next event, post its
/// response or its error, or report that initialisation failed.</summary>
internal sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string ClientContextHeader = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly Uri _base = new($"http://{runtimeApi}/2018-06-01/runtime/");

    /// <summary>Waits (without a timeout: Lambda freezes the process meanwhile) for the next event.</summary>
    public async Task<RuntimeInvocation> NextAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(_base, "invocation/next"), ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        var requestId = Header(RequestIdHeader) ?? throw new InvalidOperationException($"The Runtime API sent an event without {RequestIdHeader}.");
        var deadline = long.TryParse(Header(DeadlineHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new RuntimeInvocation(requestId, deadline, Header(FunctionArnHeader) ?? "", Header(TraceIdHeader), Header(ClientContextHeader),
            Header(CognitoIdentityHeader), body);
    }

    public Task RespondAsync(string requestId, string? response, CancellationToken ct) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", response ?? "", null, ct);

    /// <summary>Reports a failed invocation with the documented body: errorMessage, errorType, stackTrace.</summary>
    public Task ErrorAsync(string requestId, string errorType, string message, CancellationToken ct) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", ErrorBody(errorType, message), errorType, ct);

    /// <summary>Reports that the function could not start; Lambda then fails the pending invocation with this error.</summary>
    public Task InitErrorAsync(string errorType, string message, CancellationToken ct) =>
        PostAsync("init/error", ErrorBody(errorType, message), errorType, ct);

    private static string ErrorBody(string errorType, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["errorMessage"] = message,
            ["errorType"] = errorType,
            ["stackTrace"] = Array.Empty<string>(),
        });

    private async Task PostAsync(string path, string body, string? errorType, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.Add(ErrorTypeHeader, errorType);
        }
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;

namespace Tern.Aws.Http;

/// <summary>Sends one service's calls through an <see cref="HttpClient"/> whose pipeline signs with AWSSDK.Core's
/// <see cref="SigV4SigningHandler"/>: each attempt is a new message, so each is signed anew (a new X-Amz-Date).
/// Retries throttling, 5xx, network failures, timeouts and "update in progress" conflicts with jittered, capped
/// exponential backoff; everything else fails at once with the service's exception type. Every attempt is
/// reported to the call observer.</summary>
internal sealed class AwsHttp
{
    private static readonly HttpRequestOptionsKey<string> RegionKey = new(SigV4SigningHandler.RegionOptionKey);
    private static readonly HttpRequestOptionsKey<string> ServiceKey = new(SigV4SigningHandler.ServiceOptionKey);

    private readonly HttpClient _http;
    private readonly AwsService _service;
    private readonly AwsEndpoints _endpoints;
    private readonly AwsContext _context;
    private readonly AwsExceptionFactory _error;
    private readonly string _label;

    /// <param name="http">A client whose pipeline signs for <paramref name="service"/>.</param>
    /// <param name="label">How messages name the service, e.g. "Lambda".</param>
    public AwsHttp(HttpClient http, AwsService service, AwsEndpoints endpoints, AwsContext context, AwsExceptionFactory error, string label)
    {
        _http = http;
        _service = service;
        _endpoints = endpoints;
        _context = context;
        _error = error;
        _label = label;
    }

    /// <summary>Sends <paramref name="request"/> and decodes the JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendJsonAsync<T>(AwsOperation operation, string region, AwsRequest request, JsonSerializerOptions json, CancellationToken ct)
        where T : class
    {
        var response = await SendAsync(operation, region, request, ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, json)
                ?? throw InvalidResponse(operation, region, response, "the body is JSON null", null);
        }
        catch (JsonException e)
        {
            throw InvalidResponse(operation, region, response, $"the body is not the JSON the API documents ({e.Message})", e);
        }
    }

    /// <summary>Sends <paramref name="request"/>, retrying what can be retried.</summary>
    /// <exception cref="AwsServiceException">The call failed; the service's own subtype.</exception>
    public async Task<AwsResponse> SendAsync(AwsOperation operation, string region, AwsRequest request, CancellationToken ct)
    {
        var baseUri = _endpoints.Resolve(_service, region);
        for (var attempt = 1; ; attempt++)
        {
            var started = _context.Time.GetTimestamp();
            var (response, failure, inner) = await AttemptAsync(operation, region, baseUri, request, attempt, ct).ConfigureAwait(false);
            var elapsed = _context.Time.GetElapsedTime(started);
            if (response is not null)
            {
                _context.Observer.OnAttempt(new AwsAttempt(_service.SigningName, operation.Name, region, attempt, AwsAttempt.Success, null, false,
                    elapsed));
                return response;
            }
            var retry = attempt < _context.Retry.MaxAttempts &&
                        AwsErrorClassifier.IsRetryable(failure!.Kind, failure.ErrorCode, failure.ServiceMessage, operation.Idempotent);
            _context.Observer.OnAttempt(new AwsAttempt(
                _service.SigningName, operation.Name, region, attempt, AwsAttempt.OutcomeOf(failure!.Kind), failure.ErrorCode, retry, elapsed));
            if (!retry)
            {
                throw _error(Describe(operation, baseUri, failure), failure, inner);
            }
            var delay = _context.NextBackoff(attempt);
            var outcome = AwsAttempt.OutcomeOf(failure.Kind);
            AwsLog.Retrying(_context.Logger, _label, operation.Name, region, attempt, outcome, failure.ErrorCode, delay);
            await Task.Delay(delay, _context.Time, ct).ConfigureAwait(false);
        }
    }

    private async Task<(AwsResponse? Response, AwsFailure? Failure, Exception? Inner)> AttemptAsync(
        AwsOperation operation, string region, Uri baseUri, AwsRequest request, int attempt, CancellationToken ct)
    {
        AwsFailure Fail(AwsFailureKind kind, string? code, string? message, HttpStatusCode? status) =>
            new(kind, _service.SigningName, operation.Name, region, code, message, status, attempt);

        using var timeout = new CancellationTokenSource(request.Timeout ?? _context.Retry.AttemptTimeout, _context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var message = Build(baseUri, region, request);
            using var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await answer.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (answer.IsSuccessStatusCode)
            {
                return (new AwsResponse(answer.StatusCode, body, Flatten(answer.Headers, answer.Content.Headers)), null, null);
            }
            var error = AwsErrorParser.Parse(answer.Headers, body);
            var kind = AwsErrorClassifier.Classify(error.Code, answer.StatusCode);
            return (null, Fail(kind, error.Code, error.Message ?? Snippet(body), answer.StatusCode), null);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (null, Fail(AwsFailureKind.Timeout, null, "no answer within the attempt's time limit", null), e);
        }
        catch (HttpRequestException e)
        {
            return (null, Fail(AwsFailureKind.Network, null, e.Message, e.StatusCode), e);
        }
        catch (IOException e)
        {
            return (null, Fail(AwsFailureKind.Network, null, $"the connection broke off ({e.Message})", null), e);
        }
        catch (MissingCredentialsException e)
        {
            return (null, Fail(AwsFailureKind.AccessDenied, "MissingCredentials", e.Message, null), e);
        }
    }

    private HttpRequestMessage Build(Uri baseUri, string region, AwsRequest request)
    {
        var message = new HttpRequestMessage(request.Method,
            new Uri(baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/') + request.PathAndQuery));
        message.Options.Set(RegionKey, region);
        message.Options.Set(ServiceKey, _service.SigningName);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }
        return message;
    }

    private string Describe(AwsOperation operation, Uri baseUri, AwsFailure failure)
    {
        var what = failure.ErrorCode is null ? failure.ServiceMessage : $"{failure.ErrorCode}: {failure.ServiceMessage}";
        var status = failure.StatusCode is { } code ? $" (HTTP {(int)code})" : "";
        var attempts = failure.Attempts > 1 ? $" after {failure.Attempts} attempts" : "";
        return $"{_label} {operation.Name} in {failure.Region} failed{attempts}: {what}{status}. {Advice(operation, baseUri, failure.Kind)}";
    }

    private static string Advice(AwsOperation operation, Uri baseUri, AwsFailureKind kind) => kind switch
    {
        AwsFailureKind.Throttled => "AWS is throttling these calls; Tern tries again later. Raise the account's quota if this persists.",
        AwsFailureKind.AccessDenied =>
            $"Check the credentials Tern runs with and that their IAM policy allows {operation.IamAction} " +
            "(config/iam lists every action Tern needs).",
        AwsFailureKind.NotFound => "What the request names does not exist (yet).",
        AwsFailureKind.Conflict => "The resource exists already or is being changed.",
        AwsFailureKind.Invalid => "Fix the value the message names.",
        AwsFailureKind.ServerError => "The service is failing; Tern tries again later.",
        AwsFailureKind.Network or AwsFailureKind.Timeout => $"Check that {baseUri.GetLeftPart(UriPartial.Authority)} is reachable from Tern.",
        _ => "The answer was not what the API documents; check the endpoint.",
    };

    private AwsServiceException InvalidResponse(AwsOperation operation, string region, AwsResponse response, string what, Exception? inner)
    {
        var failure = new AwsFailure(AwsFailureKind.InvalidResponse, _service.SigningName, operation.Name, region, null, what, response.Status, 1);
        return _error($"{_label} {operation.Name} in {region}: {what}: {Snippet(response.Body)}", failure, inner);
    }

    private static Dictionary<string, string> Flatten(HttpResponseHeaders headers, HttpContentHeaders content)
    {
        var flat = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.Concat(content))
        {
            flat[name] = string.Join(',', values);
        }
        return flat;
    }

    internal static string Snippet(byte[] body)
    {
        const int snippetChars = 200;
        var flat = string.Join(' ', Encoding.UTF8.GetString(body).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length == 0)
        {
            return "(empty body)";
        }
        return flat.Length <= snippetChars ? flat : $"{flat[..snippetChars]}…";
    }
}

/// <summary>What every client of one <see cref="AwsClients"/> shares: time, retry policy and its seeded jitter, the
/// call observer and the logger.</summary>
internal sealed class AwsContext(TimeProvider time, AwsRetryOptions retry, IAwsCallObserver observer, ILogger logger)
{
    private readonly Random _jitter = new(retry.JitterSeed);
    private readonly Lock _jitterLock = new();

    public TimeProvider Time { get; } = time;

    public AwsRetryOptions Retry { get; } = retry;

    public IAwsCallObserver Observer { get; } = observer;

    public ILogger Logger { get; } = logger;

    public TimeSpan NextBackoff(int retry)
    {
        lock (_jitterLock)
        {
            return Retry.Backoff(retry, _jitter);
        }
    }
}

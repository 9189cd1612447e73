using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tern.Carbon.Http;

/// <summary>Sends a provider's GET requests: a timeout per attempt, retries with jittered exponential backoff on
/// 5xx, 429 (honouring Retry-After), timeouts and broken connections, no retry on other 4xx, and JSON decoding
/// that names what was wrong with a body. Errors are thrown as the provider's own exception type.</summary>
internal sealed class ProviderHttp
{
    private const int SnippetChars = 200;

    private readonly HttpClient _http;
    private readonly RetryOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _jitter;
    private readonly string _provider;
    private readonly Func<string, CarbonFailure, HttpStatusCode?, Exception?, CarbonProviderException> _error;

    public ProviderHttp(HttpClient http, RetryOptions options, TimeProvider time, string provider,
        Func<string, CarbonFailure, HttpStatusCode?, Exception?, CarbonProviderException> error)
    {
        _http = http;
        _options = options;
        _time = time;
        _provider = provider;
        _error = error;
        _jitter = new Random(options.JitterSeed);
    }

    /// <summary>Creates the provider's exception (for checks the caller makes on a decoded body).</summary>
    public CarbonProviderException Error(string message, CarbonFailure failure, HttpStatusCode? status = null, Exception? inner = null) =>
        _error(message, failure, status, inner);

    /// <summary>GETs <paramref name="uri"/> and decodes the JSON body as <typeparamref name="T"/>.</summary>
    /// <param name="authorize">Adds credentials to each attempt's request.</param>
    public async Task<T> GetJsonAsync<T>(Uri uri, Action<HttpRequestMessage>? authorize, CancellationToken ct) where T : class
    {
        var (status, mediaType, body) = await SendAsync(uri, authorize, ct).ConfigureAwait(false);
        return Decode<T>(uri, status, mediaType, body);
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(Uri uri, Action<HttpRequestMessage>? authorize, CancellationToken ct)
    {
        var where = $"{_provider} GET {uri.GetLeftPart(UriPartial.Path)}";
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= _options.MaxAttempts;
            TimeSpan? retryAfter = null;
            CarbonProviderException failure;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token))
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    authorize?.Invoke(request);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    var status = response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        return (status, response.Content.Headers.ContentType?.MediaType, body);
                    }
                    failure = StatusFailure(where, status, body);
                    if (status != HttpStatusCode.TooManyRequests && (int)status < 500)
                    {
                        throw failure;
                    }
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                    if (retryAfter > _options.MaxRetryAfter)
                    {
                        throw _error($"{failure.Message} The server asked to wait {retryAfter.Value.TotalSeconds:0} s, longer than the {_options.MaxRetryAfter.TotalSeconds:0} s Tern waits within one refresh; the next refresh tries again.",
                            failure.Failure, status, null);
                    }
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    failure = _error($"{where}: no answer within {_options.RequestTimeout.TotalSeconds:0.###} s.", CarbonFailure.Timeout, null, e);
                }
                catch (HttpRequestException e)
                {
                    failure = _error($"{where}: {e.Message}", CarbonFailure.NetworkError, e.StatusCode, e);
                }
                catch (IOException e)
                {
                    failure = _error($"{where}: the connection broke off ({e.Message}).", CarbonFailure.NetworkError, null, e);
                }
            }
            if (last)
            {
                throw _error(attempt > 1 ? $"{failure.Message} (gave up after {attempt} attempts)" : failure.Message, failure.Failure, failure.StatusCode, failure.InnerException);
            }
            await Task.Delay(retryAfter ?? Backoff(attempt), _time, ct).ConfigureAwait(false);
        }
    }

    private CarbonProviderException StatusFailure(string where, HttpStatusCode status, string body)
    {
        var code = (int)status;
        var (failure, advice) = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (CarbonFailure.Unauthorized,
                "The token or credentials are missing, wrong or not allowed this data; check the Secret the CarbonSource names."),
            HttpStatusCode.NotFound => (CarbonFailure.NotFound, "Check the endpoint and the zone."),
            HttpStatusCode.TooManyRequests => (CarbonFailure.RateLimited, "The provider's rate limit was reached."),
            _ when code >= 500 => (CarbonFailure.ProviderUnavailable, "The provider is failing; Tern keeps the last good data."),
            _ => (CarbonFailure.BadRequest, "The provider refused the request."),
        };
        return _error($"{where}: HTTP {code} {status}: {Snippet(body)}. {advice}", failure, status, null);
    }

    private T Decode<T>(Uri uri, HttpStatusCode status, string? mediaType, string body) where T : class
    {
        var where = $"{_provider} GET {uri.GetLeftPart(UriPartial.Path)}";
        // application/json and the +json suffixes (problem+json) are JSON; an HTML error page from a proxy is not.
        if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            throw _error($"{where}: HTTP {(int)status} with content type '{mediaType ?? "none"}' instead of application/json: {Snippet(body)}. A proxy or a wrong endpoint may be answering.",
                CarbonFailure.InvalidResponse, status, null);
        }
        try
        {
            return JsonSerializer.Deserialize<T>(body, CarbonJson.Options)
                ?? throw _error($"{where}: the body is JSON null.", CarbonFailure.InvalidResponse, status, null);
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw _error($"{where}: the body is not the JSON the provider documents{at} ({e.Message}): {Snippet(body)}",
                CarbonFailure.InvalidResponse, status, e);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay * Math.Pow(2, attempt - 1);
        var capped = exponential < _options.MaxDelay ? exponential : _options.MaxDelay;
        // "Equal jitter": half fixed, half random, so clients that failed together do not retry together.
        return capped * (0.5 + (0.5 * _jitter.NextDouble()));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string Snippet(string body)
    {
        var flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length == 0)
        {
            return "(empty body)";
        }
        return flat.Length <= SnippetChars ? $"'{flat}'" : $"'{flat[..SnippetChars]}…'";
    }
}

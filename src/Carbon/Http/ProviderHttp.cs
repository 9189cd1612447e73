using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tern.Carbon.Http;

/// <summary>Sends a provider's GET requests: a timeout per attempt that covers the body, retries with jittered
/// exponential backoff on 5xx, 429 (honouring Retry-After), timeouts and broken connections, no retry on other 4xx,
/// a size limit on bodies, and JSON decoding that names where a body went wrong. Errors are thrown as the provider's
/// own exception type. A body never goes into an error message, which becomes a status condition and an event: what
/// a server sends is its own text (an echoed token, a page of HTML); it goes to the debug log, truncated and redacted.</summary>
internal sealed class ProviderHttp
{
    /// <summary>How much of a body the debug log shows.</summary>
    public const int LoggedBodyChars = 1000;

    private readonly ProviderContext _context;
    private readonly ProviderRequestOptions _options;
    private readonly ILogger _logger;
    private readonly Random _jitter;
    private readonly Lock _jitterGate = new();
    private readonly string _provider;
    private readonly Func<string, CarbonFailure, HttpStatusCode?, Exception?, CarbonProviderException> _error;

    public ProviderHttp(ProviderContext context, string provider,
        Func<string, CarbonFailure, HttpStatusCode?, Exception?, CarbonProviderException> error)
    {
        _context = context;
        _options = context.Requests;
        _logger = context.Logger;
        _provider = provider;
        _error = error;
        _jitter = new Random(_options.JitterSeed);
    }

    /// <summary>Creates the provider's exception, with every known secret taken out of the message.</summary>
    public CarbonProviderException Error(string message, CarbonFailure failure, HttpStatusCode? status = null, Exception? inner = null) =>
        _error(_context.Redactor.Redact(message), failure, status, inner);

    /// <summary>Logs a detail of a failure at Debug, redacted, for example the explanation in an error body.</summary>
    public void LogDetail(string detail)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var text = _context.Redactor.Redact(Truncate(detail));
            CarbonLog.Detail(_logger, _provider, text);
        }
    }

    /// <summary>GETs <paramref name="uri"/> and decodes the JSON body as <typeparamref name="T"/>.</summary>
    /// <param name="authorize">Adds credentials to each attempt's request.</param>
    public async Task<T> GetJsonAsync<T>(Uri uri, Action<HttpRequestMessage>? authorize, CancellationToken ct) where T : class
    {
        var (status, mediaType, body) = await SendAsync(uri, authorize, ct).ConfigureAwait(false);
        return Decode<T>(uri, status, mediaType, body);
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(Uri uri, Action<HttpRequestMessage>? authorize,
        CancellationToken ct)
    {
        var path = uri.GetLeftPart(UriPartial.Path);
        var where = $"{_provider} GET {path}";
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            CarbonProviderException failure;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _context.Time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token))
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    authorize?.Invoke(request);
                    using var response = await _context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                        .ConfigureAwait(false);
                    var status = response.StatusCode;
                    if ((int)status is >= 300 and < 400)
                    {
                        if (_logger.IsEnabled(LogLevel.Debug))
                        {
                            var location = _context.Redactor.Redact(Location(response));
                            CarbonLog.Redirect(_logger, _provider, path, (int)status, location);
                        }
                        throw Error($"{where}: HTTP {(int)status} {status}, a redirect, which Tern does not follow so that credentials go only to "
                            + "the endpoint given; set the endpoint to the address it redirects to (the debug log names it).",
                            CarbonFailure.BadRequest, status);
                    }
                    var body = await ReadBodyAsync(response, where, linked.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return (status, response.Content.Headers.ContentType?.MediaType, body);
                    }
                    LogBody(path, status, body);
                    failure = StatusFailure(where, status);
                    if (status != HttpStatusCode.TooManyRequests && (int)status < 500)
                    {
                        throw failure;
                    }
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                    if (retryAfter > _options.MaxRetryAfter)
                    {
                        throw Error($"{failure.Message} The server asked to wait {retryAfter.Value.TotalSeconds:0} s, longer than the "
                            + $"{_options.MaxRetryAfter.TotalSeconds:0} s Tern waits within one refresh; the next refresh tries again.",
                            failure.Failure, status);
                    }
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    failure = Error($"{where}: no complete answer within {_options.RequestTimeout.TotalSeconds:0.###} s.",
                        CarbonFailure.Timeout, null, e);
                }
                catch (HttpRequestException e)
                {
                    failure = Error($"{where}: {Describe(e.HttpRequestError)}.", CarbonFailure.NetworkError, e.StatusCode, e);
                }
                catch (IOException e)
                {
                    failure = Error($"{where}: the connection broke off.", CarbonFailure.NetworkError, null, e);
                }
            }
            if (attempt >= _options.MaxAttempts)
            {
                var message = attempt > 1 ? $"{failure.Message} (gave up after {attempt} attempts)" : failure.Message;
                throw Error(message, failure.Failure, failure.StatusCode, failure.InnerException);
            }
            var delay = retryAfter ?? Backoff(attempt);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var kind = failure.Failure.ToString();
                CarbonLog.Retrying(_logger, _provider, path, attempt, kind, delay);
            }
            await Task.Delay(delay, _context.Time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The body as text, refused as soon as it is known to exceed the limit (a Content-Length says so at once;
    /// a chunked body is counted as it arrives), so a huge or endless answer costs neither memory nor the worker.</summary>
    private async Task<string> ReadBodyAsync(HttpResponseMessage response, string where, CancellationToken ct)
    {
        var limit = _options.MaxBodyBytes;
        var tooLarge = $"{where}: the body is larger than the {Size(limit)} Tern reads; the endpoint may be wrong (check the path), "
            + "or spec.historyWindow asks for more than one answer should hold.";
        if (response.Content.Headers.ContentLength > limit)
        {
            throw Error(tooLarge, CarbonFailure.ResponseTooLarge, response.StatusCode);
        }
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        throw Error(tooLarge, CarbonFailure.ResponseTooLarge, response.StatusCode);
                    }
                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            // JSON is UTF-8 (RFC 8259); a body in another charset fails to decode and says so.
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    private CarbonProviderException StatusFailure(string where, HttpStatusCode status)
    {
        var code = (int)status;
        var (failure, advice) = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (CarbonFailure.Unauthorized,
                "The token or credentials are missing, wrong or not allowed this data; check the Secret the CarbonSource names."),
            HttpStatusCode.NotFound => (CarbonFailure.NotFound, "Check the endpoint and the zone."),
            HttpStatusCode.TooManyRequests => (CarbonFailure.RateLimited, "The provider's rate limit was reached."),
            _ when code >= 500 => (CarbonFailure.ProviderUnavailable, "The provider is failing; Tern keeps the last good data."),
            _ => (CarbonFailure.BadRequest, "The provider refused the request; check the endpoint and the zone overrides."),
        };
        return Error($"{where}: HTTP {code} {status}. {advice} The body is in the debug log only.", failure, status);
    }

    private T Decode<T>(Uri uri, HttpStatusCode status, string? mediaType, string body) where T : class
    {
        var path = uri.GetLeftPart(UriPartial.Path);
        var where = $"{_provider} GET {path}";
        // application/json and the +json suffixes (problem+json) are JSON; an HTML error page from a proxy is not.
        if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                                   || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            LogBody(path, status, body);
            throw Error($"{where}: HTTP {(int)status} with content type '{mediaType ?? "none"}' instead of application/json. "
                + "A proxy or a wrong endpoint may be answering; the body is in the debug log only.", CarbonFailure.InvalidResponse, status);
        }
        try
        {
            return JsonSerializer.Deserialize<T>(body, CarbonJson.Options)
                ?? throw Error($"{where}: the body is JSON null.", CarbonFailure.InvalidResponse, status);
        }
        catch (JsonException e)
        {
            LogBody(path, status, body);
            // The exception's own message names .NET types; the position says enough.
            var at = e.LineNumber is { } line ? $" at {e.Path ?? "$"} (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw Error($"{where}: the body is not the JSON {_provider} documents{at}; the body is in the debug log only.",
                CarbonFailure.InvalidResponse, status, e);
        }
    }

    private void LogBody(string path, HttpStatusCode status, string body)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var text = _context.Redactor.Redact(Truncate(body));
            CarbonLog.Body(_logger, _provider, path, (int)status, LoggedBodyChars, text);
        }
    }

    private static string Truncate(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= LoggedBodyChars ? flat : $"{flat[..LoggedBodyChars]}…";
    }

    private static string Location(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => "(none)",
        { IsAbsoluteUri: true } location => location.GetLeftPart(UriPartial.Path),
        var location => location.OriginalString,
    };

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError => "no connection could be made (refused, unreachable or timed out)",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed (check the server's certificate)",
        HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "the server broke the HTTP protocol",
        HttpRequestError.ResponseEnded => "the server closed the connection before the answer ended",
        HttpRequestError.ConfigurationLimitExceeded => "the answer's headers exceed the client's limits",
        HttpRequestError.ProxyTunnelError => "the proxy refused the tunnel",
        _ => "the request failed",
    };

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay * Math.Pow(2, attempt - 1);
        var capped = exponential < _options.MaxDelay ? exponential : _options.MaxDelay;
        // "Equal jitter": half fixed, half random, so clients that failed together do not retry together. Zones are
        // fetched concurrently and Random is not thread-safe.
        lock (_jitterGate)
        {
            return capped * (0.5 + (0.5 * _jitter.NextDouble()));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - _context.Time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}

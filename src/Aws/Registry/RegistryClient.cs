using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tern.Aws.Http;

namespace Tern.Aws.Registry;

/// <summary>One registry's OCI distribution API (/v2/…) for the calls an image copy makes. Logs in with basic
/// credentials when it has them (ECR's token), and answers a Bearer challenge by fetching a token from the realm the
/// registry names. GET and HEAD calls and manifest PUTs are retried on 429, 5xx and network failures; an upload that
/// fails is restarted whole by the copier, since a half-sent chunk cannot be resent safely.</summary>
internal sealed class RegistryClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string _host;
    private readonly RegistryCredentials? _credentials;
    private readonly AwsContext _context;
    private readonly string _region;
    private AuthenticationHeaderValue? _bearer;

    public RegistryClient(HttpClient http, Uri baseUrl, string host, RegistryCredentials? credentials, AwsContext context)
    {
        _http = http;
        _baseUrl = baseUrl;
        _host = host;
        _credentials = credentials;
        _context = context;
        _region = RegistryDirectory.EcrRegion(host) ?? host;
    }

    /// <summary>The manifest's bytes and media type, or null when the registry does not have it.</summary>
    public async Task<(byte[] Body, string? MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.GetManifest, repository,
            () => Manifest(HttpMethod.Get, repository, reference), true, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return (await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false), response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<bool> ManifestExistsAsync(string repository, string digest, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.HeadManifest, repository,
            () => Manifest(HttpMethod.Head, repository, digest), true, ct).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.HeadBlob, repository,
            () => new HttpRequestMessage(HttpMethod.Head, Url($"/v2/{repository}/blobs/{digest}")), true, ct).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>Streams a blob into <paramref name="destination"/>; redirects (ECR serves layers from S3) are followed.</summary>
    public async Task DownloadBlobAsync(string repository, string digest, Stream destination, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.GetBlob, repository,
            () => new HttpRequestMessage(HttpMethod.Get, Url($"/v2/{repository}/blobs/{digest}")), true, ct,
                HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw Failure(RegistryOperations.GetBlob, AwsFailureKind.NotFound, "BLOB_UNKNOWN", $"{_host}/{repository} has no blob {digest}",
                response.StatusCode);
        }
        await response.Content.CopyToAsync(destination, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads a blob: one PUT when it fits in <paramref name="chunkBytes"/>, else PATCH chunks then PUT.
    /// The registry checks the digest; the digest it reports back is checked too.</summary>
    public async Task UploadBlobAsync(string repository, string digest, Stream content, long size, long chunkBytes, CancellationToken ct)
    {
        var location = await StartUploadAsync(repository, ct).ConfigureAwait(false);
        if (size > chunkBytes)
        {
            var buffer = new byte[chunkBytes];
            for (long offset = 0; offset < size;)
            {
                var read = await content.ReadAtLeastAsync(buffer, (int)Math.Min(chunkBytes, size - offset), throwOnEndOfStream: true,
                    ct).ConfigureAwait(false);
                var chunk = new ReadOnlyMemory<byte>(buffer, 0, read);
                var start = offset;
                using var patched = await SendAsync(RegistryOperations.UploadChunk, repository, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ReadOnlyMemoryContent(chunk) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + read - 1}");
                    return request;
                }, false, ct).ConfigureAwait(false);
                location = NextLocation(patched, location);
                offset += read;
            }
            content = Stream.Null;
        }
        using var completed = await SendAsync(RegistryOperations.CompleteUpload, repository, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(location, "digest", digest)) { Content = new StreamContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, false, ct).ConfigureAwait(false);
        CheckDigest(RegistryOperations.CompleteUpload, completed, digest);
    }

    public async Task PutManifestAsync(string repository, string digest, string mediaType, byte[] body, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.PutManifest, repository, () =>
        {
            var request = Manifest(HttpMethod.Put, repository, digest);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return request;
        }, true, ct).ConfigureAwait(false);
        CheckDigest(RegistryOperations.PutManifest, response, digest);
    }

    private async Task<Uri> StartUploadAsync(string repository, CancellationToken ct)
    {
        using var response = await SendAsync(RegistryOperations.StartUpload, repository,
            () => new HttpRequestMessage(HttpMethod.Post, Url($"/v2/{repository}/blobs/uploads/")), false, ct).ConfigureAwait(false);
        return NextLocation(response, null);
    }

    private Uri NextLocation(HttpResponseMessage response, Uri? previous)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return previous ?? throw Failure(RegistryOperations.StartUpload, AwsFailureKind.InvalidResponse, null,
                $"{_host} started an upload without a Location header", response.StatusCode);
        }
        return location.IsAbsoluteUri ? location : new Uri(_baseUrl, location);
    }

    private void CheckDigest(AwsOperation operation, HttpResponseMessage response, string digest)
    {
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } reported && reported != digest)
        {
            throw Failure(operation, AwsFailureKind.InvalidResponse, "DIGEST_INVALID", $"{_host} stored {reported} where {digest} was sent",
                response.StatusCode);
        }
    }

    private HttpRequestMessage Manifest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, Url($"/v2/{repository}/manifests/{reference}"));
        foreach (var type in OciManifest.Accepted)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        return request;
    }

    private Uri Url(string path) => new(_baseUrl, path);

    private static Uri WithQuery(Uri location, string name, string value) =>
        new($"{location}{(string.IsNullOrEmpty(location.Query) ? "?" : "&")}{name}={Uri.EscapeDataString(value)}");

    /// <summary>Sends with login, one answer to a Bearer challenge, and retries when <paramref name="retry"/>. A 404
    /// is returned for the caller to judge; other failures throw.</summary>
    private async Task<HttpResponseMessage> SendAsync(AwsOperation operation, string repository, Func<HttpRequestMessage> build, bool retry,
        CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var challenged = false;
        for (var attempt = 1; ; attempt++)
        {
            var started = _context.Time.GetTimestamp();
            HttpResponseMessage? response = null;
            AwsFailure failure;
            Exception? inner = null;
            try
            {
                using var request = build();
                request.Headers.Authorization = _bearer ?? Basic();
                response = await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !challenged && Challenge(response) is { } challenge)
                {
                    challenged = true;
                    response.Dispose();
                    _bearer = await RegistryTokens.FetchAsync(_http, challenge, repository, _credentials, ct).ConfigureAwait(false);
                    attempt--;
                    continue;
                }
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
                {
                    _context.Observer.OnAttempt(new AwsAttempt("registry", operation.Name, _region, attempt, AwsAttempt.Success, null, false,
                        _context.Time.GetElapsedTime(started)));
                    return response;
                }
                failure = await DescribeAsync(operation, response, attempt, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failure = new AwsFailure(AwsFailureKind.Network, "registry", operation.Name, _region, null, e.Message, e.StatusCode, attempt);
                inner = e;
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                failure = new AwsFailure(AwsFailureKind.Timeout, "registry", operation.Name, _region, null, "no answer in time", null, attempt);
                inner = e;
            }
            response?.Dispose();
            var again = retry && attempt < _context.Retry.MaxAttempts && failure.Kind is AwsFailureKind.Throttled or AwsFailureKind.ServerError
                or AwsFailureKind.Network or AwsFailureKind.Timeout;
            _context.Observer.OnAttempt(new AwsAttempt("registry", operation.Name, _region, attempt, AwsAttempt.OutcomeOf(failure.Kind),
                failure.ErrorCode,
                again, _context.Time.GetElapsedTime(started)));
            if (!again)
            {
                var status = failure.StatusCode is { } code ? $" (HTTP {(int)code})" : "";
                var reason = failure.ErrorCode ?? failure.Kind.ToString();
                throw new RegistryException($"Registry {_host} {operation.Name} for {repository} failed: {reason}: " +
                    $"{failure.ServiceMessage}{status}.", failure, inner);
            }
            await Task.Delay(_context.NextBackoff(attempt), _context.Time, ct).ConfigureAwait(false);
        }
    }

    private AuthenticationHeaderValue? Basic() => _credentials is null
        ? null
        : new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_credentials.Username}:{_credentials.Password}")));

    private static AuthenticationHeaderValue? Challenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));

    private async Task<AwsFailure> DescribeAsync(AwsOperation operation, HttpResponseMessage response, int attempt, CancellationToken ct)
    {
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                code = errors[0].TryGetProperty("code", out var c) ? c.GetString() : null;
                message = errors[0].TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            message = AwsHttp.Snippet(body);
        }
        var kind = code switch
        {
            "DENIED" or "UNAUTHORIZED" => AwsFailureKind.AccessDenied,
            "TOOMANYREQUESTS" => AwsFailureKind.Throttled,
            "BLOB_UNKNOWN" or "MANIFEST_UNKNOWN" or "NAME_UNKNOWN" => AwsFailureKind.NotFound,
            "DIGEST_INVALID" or "MANIFEST_INVALID" or "MANIFEST_BLOB_UNKNOWN" or "NAME_INVALID" or "SIZE_INVALID" => AwsFailureKind.Invalid,
            _ => AwsErrorClassifier.Classify(null, response.StatusCode),
        };
        return new AwsFailure(kind, "registry", operation.Name, _region, code, message ?? AwsHttp.Snippet(body), response.StatusCode, attempt);
    }

    private RegistryException Failure(AwsOperation operation, AwsFailureKind kind, string? code, string message, HttpStatusCode? status) =>
        new($"Registry {_host} {operation.Name}: {message}.", new AwsFailure(kind, "registry", operation.Name, _region, code, message, status, 1),
            null);
}

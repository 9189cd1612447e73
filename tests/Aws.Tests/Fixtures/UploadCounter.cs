using System.Collections.Concurrent;
using System.Web;

namespace Tern.Aws.Tests.Fixtures;

/// <summary>A transport that counts completed blob uploads (PUT …/blobs/uploads/…?digest=…) per digest and can make
/// the transport fail once a given number of uploads completed, standing for a crash or a cut connection.</summary>
internal sealed class UploadCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _uploads = new(StringComparer.Ordinal);
    private int _completed;

    /// <summary>After this many completed uploads every further request fails; null never.</summary>
    public int? FailAfterUploads { get; set; }

    public IReadOnlyDictionary<string, int> Uploads => _uploads;

    public int Completed => _completed;

    public void Reset()
    {
        _uploads.Clear();
        _completed = 0;
        FailAfterUploads = null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (FailAfterUploads is { } limit && Volatile.Read(ref _completed) >= limit)
        {
            throw new HttpRequestException("connection reset (injected)");
        }
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri!;
        if (request.Method == HttpMethod.Put && uri.AbsolutePath.Contains("/blobs/uploads/", StringComparison.Ordinal)
            && response.IsSuccessStatusCode &&
            HttpUtility.ParseQueryString(uri.Query)["digest"] is { } digest)
        {
            _uploads.AddOrUpdate(digest, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _completed);
        }
        return response;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tern.Tests.Support.Aws;

namespace Tern.Operator.Tests.Support;

/// <summary>One region's ECR as the operator's tests need it: a docker-registry serves the registry protocol behind a
/// loopback proxy which, when an image manifest is pushed, also puts it into moto's ECR of the region. moto serves
/// the ECR API but not the registry protocol, and its Lambda creates an image function only from an image in its own
/// ECR; with the proxy, a function can be created only from an image that was copied into its region first, as on
/// AWS. The proxy also counts manifest and blob pushes, to show that nothing is copied twice.</summary>
internal sealed class EcrStandIn : IAsyncDisposable
{
    private static readonly HashSet<string> IndexTypes =
        ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Content-Length", "Transfer-Encoding", "Connection" };

    private readonly DockerRegistry _registry;
    private readonly MotoServer _moto;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConcurrentDictionary<string, int> _manifestPushes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _blobPushes = new(StringComparer.Ordinal);
    private WebApplication? _proxy;

    private EcrStandIn(string region, DockerRegistry registry, MotoServer moto)
    {
        Region = region;
        _registry = registry;
        _moto = moto;
    }

    public string Region { get; }

    /// <summary>The proxy's 127.0.0.1:port: what --registry-url maps the region to.</summary>
    public string Host { get; private set; } = "";

    /// <summary>repository@digest of a manifest (indexes included) → pushes.</summary>
    public IReadOnlyDictionary<string, int> ManifestPushes => _manifestPushes;

    /// <summary>repository@digest of a blob → completed uploads.</summary>
    public IReadOnlyDictionary<string, int> BlobPushes => _blobPushes;

    public static async Task<EcrStandIn> StartAsync(string region, MotoServer moto, string directory)
    {
        var standIn = new EcrStandIn(region, await DockerRegistry.StartAsync(directory), moto);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(standIn.ForwardAsync);
        await app.StartAsync();
        standIn._proxy = app;
        standIn.Host = new Uri(app.Urls.First()).Authority;
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
        _registry.Dispose();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method),
            new Uri($"http://{_registry.Host}{request.Path}{request.QueryString}"));
        if (body.Length > 0 || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsPost(request.Method))
        {
            message.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var (name, values) in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        // The registry builds upload locations from the Host header: they must lead back through the proxy.
        message.Headers.Host = request.Host.Value;
        using var response = await _http.SendAsync(message);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (HttpMethods.IsPut(request.Method) && response.IsSuccessStatusCode)
        {
            await RecordPushAsync(request, body.ToArray());
        }
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }
        context.Response.ContentLength = response.Content.Headers.ContentLength ?? answer.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await context.Response.Body.WriteAsync(answer);
        }
    }

    private async Task RecordPushAsync(HttpRequest request, byte[] body)
    {
        var path = request.Path.Value ?? "";
        var manifests = path.IndexOf("/manifests/", StringComparison.Ordinal);
        var blobs = path.IndexOf("/blobs/uploads/", StringComparison.Ordinal);
        if (manifests > 0)
        {
            var repository = path["/v2/".Length..manifests];
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            _manifestPushes.AddOrUpdate($"{repository}@{digest}", 1, (_, n) => n + 1);
            if (!IndexTypes.Contains(request.ContentType ?? ""))
            {
                // moto's Lambda looks an image up by the last segment of its repository's name only.
                await _moto.SeedImageAsync(Region, repository.Split('/')[^1], Encoding.UTF8.GetString(body));
            }
        }
        else if (blobs > 0 && request.Query["digest"] is [{ } digest])
        {
            _blobPushes.AddOrUpdate($"{path["/v2/".Length..blobs]}@{digest}", 1, (_, n) => n + 1);
        }
    }
}

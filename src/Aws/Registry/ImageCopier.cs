using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Tern.Aws.Ecr.Client;
using Tern.Aws.Ecr.Model;
using Tern.Aws.Http;

namespace Tern.Aws.Registry;

/// <summary>Copies an image by digest from one registry to another through the registry HTTP API: the manifest (an
/// index and every platform's manifest for multi-arch images) and every blob the target lacks. Blobs are downloaded
/// to a temporary file while their SHA-256 is checked against the digest, then uploaded; a blob or manifest the
/// target already has is skipped, so a copy interrupted anywhere resumes where it stopped and never uploads a blob
/// twice. Manifests are put last, children before their index, so a target never names what it does not hold.
/// For an ECR target the repository is created through the ECR API when missing, and logins come from ECR's
/// GetAuthorizationToken.</summary>
public sealed class ImageCopier
{
    private readonly HttpClient _http;
    private readonly RegistryDirectory _directory;
    private readonly Func<string, IEcrClient>? _ecr;
    private readonly AwsContext _context;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (RegistryCredentials Credentials, DateTimeOffset ExpiresAt)> _logins = new(StringComparer.Ordinal);

    /// <summary>Builds a copier over <paramref name="clients"/>' transport, registry mapping and ECR clients.</summary>
    public ImageCopier(AwsClients clients)
        : this(Required(clients).Registries, new RegistryDirectory(clients.Configuration.RegistryUrls), clients.Ecr, clients.Context)
    {
    }

    internal ImageCopier(HttpClient http, RegistryDirectory directory, Func<string, IEcrClient>? ecr, AwsContext context)
    {
        _http = http;
        _directory = directory;
        _ecr = ecr;
        _context = context;
        _logger = context.Logger;
    }

    /// <summary>Blobs larger than this are uploaded in chunks of this size (ECR's minimum part is 5 MiB).</summary>
    public long ChunkBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Copies <paramref name="source"/> (by digest, or by tag resolved to its digest) to the same digest in
    /// <paramref name="targetHost"/>/<paramref name="targetRepository"/>.</summary>
    /// <exception cref="RegistryException">A registry call failed or a digest did not verify.</exception>
    /// <exception cref="EcrException">Creating the ECR repository or logging in failed.</exception>
    public async Task<ImageCopyResult> CopyAsync(ImageReference source, string targetHost, string targetRepository, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var from = await ClientAsync(source.Host, ct).ConfigureAwait(false);
        var to = await ClientAsync(targetHost, ct).ConfigureAwait(false);
        var (body, headerType) = await from.GetManifestAsync(source.Repository, source.Reference, ct).ConfigureAwait(false)
            ?? throw new RegistryException($"{source} does not exist: the source registry has no such manifest.");
        var digest = Digest(body);
        if (source.Digest is { } expected && expected != digest)
        {
            throw new RegistryException($"{source}: the manifest the registry returned hashes to {digest}, not the digest asked for.");
        }
        var manifest = Parse(source, body, headerType);
        await EnsureRepositoryAsync(targetHost, targetRepository, ct).ConfigureAwait(false);
        var counts = new CopyCounts();
        if (!await to.ManifestExistsAsync(targetRepository, digest, ct).ConfigureAwait(false))
        {
            foreach (var child in manifest.Manifests)
            {
                await CopyManifestAsync(from, to, source, targetRepository, child.Digest, counts, ct).ConfigureAwait(false);
            }
            await CopyBlobsAsync(from, to, source.Repository, targetRepository, manifest, counts, ct).ConfigureAwait(false);
            await to.PutManifestAsync(targetRepository, digest, manifest.MediaType, body, ct).ConfigureAwait(false);
            counts.Manifests++;
        }
        var target = new ImageReference(targetHost, targetRepository, digest, null);
        var (sourceText, targetText) = (source.ToString(), target.ToString());
        AwsLog.ImageCopied(_logger, sourceText, targetText, counts.Blobs, counts.Manifests);
        var platforms = manifest.Manifests.Where(m => m.Architecture is not null).ToDictionary(m => m.Architecture!, m => m.Digest,
            StringComparer.Ordinal);
        return new ImageCopyResult(target, platforms, counts.Blobs, counts.SkippedBlobs, counts.Manifests);
    }

    private async Task CopyManifestAsync(RegistryClient from, RegistryClient to, ImageReference source, string targetRepository, string digest,
        CopyCounts counts, CancellationToken ct)
    {
        if (await to.ManifestExistsAsync(targetRepository, digest, ct).ConfigureAwait(false))
        {
            return;
        }
        var (body, headerType) = await from.GetManifestAsync(source.Repository, digest, ct).ConfigureAwait(false)
            ?? throw new RegistryException($"{source} names platform manifest {digest}, which the source registry does not have.");
        if (Digest(body) != digest)
        {
            throw new RegistryException($"{source}: platform manifest {digest} hashes to {Digest(body)}; the source registry returned other bytes.");
        }
        var manifest = Parse(source, body, headerType);
        await CopyBlobsAsync(from, to, source.Repository, targetRepository, manifest, counts, ct).ConfigureAwait(false);
        await to.PutManifestAsync(targetRepository, digest, manifest.MediaType, body, ct).ConfigureAwait(false);
        counts.Manifests++;
    }

    private async Task CopyBlobsAsync(RegistryClient from, RegistryClient to, string sourceRepository, string targetRepository, OciManifest manifest,
        CopyCounts counts, CancellationToken ct)
    {
        foreach (var blob in manifest.Blobs.DistinctBy(b => b.Digest))
        {
            if (await to.BlobExistsAsync(targetRepository, blob.Digest, ct).ConfigureAwait(false))
            {
                counts.SkippedBlobs++;
                continue;
            }
            var file = Path.Combine(Path.GetTempPath(), $"tern-blob-{Guid.NewGuid():N}");
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose))
            {
                await from.DownloadBlobAsync(sourceRepository, blob.Digest, stream, ct).ConfigureAwait(false);
                stream.Position = 0;
                var actual = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
                if (actual != blob.Digest || (blob.Size >= 0 && stream.Length != blob.Size))
                {
                    throw new RegistryException($"Blob {blob.Digest} from {sourceRepository} arrived as {stream.Length} bytes hashing to {actual}; " +
                                                "the source registry or a proxy altered it.");
                }
                stream.Position = 0;
                await to.UploadBlobAsync(targetRepository, blob.Digest, stream, stream.Length, ChunkBytes, ct).ConfigureAwait(false);
            }
            counts.Blobs++;
        }
    }

    private async Task EnsureRepositoryAsync(string host, string repository, CancellationToken ct)
    {
        if (_ecr is null || RegistryDirectory.EcrRegion(host) is not { } region)
        {
            return;
        }
        var ecr = _ecr(region);
        try
        {
            await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [repository] }, ct).ConfigureAwait(false);
        }
        catch (EcrException e) when (e.Kind == AwsFailureKind.NotFound)
        {
            try
            {
                await ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = repository }, ct)
                    .ConfigureAwait(false);
            }
            catch (EcrException conflict) when (conflict.Kind == AwsFailureKind.Conflict)
            {
                // Another copy created it between the two calls.
            }
        }
    }

    private async Task<RegistryClient> ClientAsync(string host, CancellationToken ct) =>
        new(_http, _directory.BaseUrl(host), host, await LoginAsync(host, ct).ConfigureAwait(false), _context);

    private async Task<RegistryCredentials?> LoginAsync(string host, CancellationToken ct)
    {
        if (_ecr is null || RegistryDirectory.EcrRegion(host) is not { } region)
        {
            return null;
        }
        var now = _context.Time.GetUtcNow();
        if (_logins.TryGetValue(host, out var cached) && cached.ExpiresAt > now.AddMinutes(5))
        {
            return cached.Credentials;
        }
        var login = (await _ecr(region).GetAuthorizationTokenAsync(ct).ConfigureAwait(false)).AuthorizationData;
        var data = (login is { Count: > 0 } ? login[0].AuthorizationToken : null)
            ?? throw new RegistryException($"ECR in {region} answered GetAuthorizationToken without a token.");
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(data));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        var credentials = new RegistryCredentials(pair[..Math.Max(colon, 0)], pair[(colon + 1)..]);
        // ECR tokens last 12 hours; renewing after 11 leaves room for a long copy.
        _logins[host] = (credentials, now.AddHours(11));
        return credentials;
    }

    private static OciManifest Parse(ImageReference source, byte[] body, string? headerType)
    {
        try
        {
            return OciManifest.Parse(body, headerType);
        }
        catch (FormatException e)
        {
            throw new RegistryException($"{source}: the registry returned {e.Message}.", e);
        }
    }

    private static string Digest(byte[] body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private static AwsClients Required(AwsClients clients) => clients ?? throw new ArgumentNullException(nameof(clients));

    private sealed class CopyCounts
    {
        public int Blobs { get; set; }

        public int SkippedBlobs { get; set; }

        public int Manifests { get; set; }
    }
}

/// <summary>What a copy did.</summary>
/// <param name="Target">The copied image in the target registry, by digest.</param>
/// <param name="Platforms">For a multi-arch index: architecture (amd64, arm64) → that platform's manifest digest.</param>
/// <param name="BlobsTransferred">Blobs uploaded by this call.</param>
/// <param name="BlobsSkipped">Blobs the target already had.</param>
/// <param name="ManifestsPut">Manifests (and index) put by this call; 0 when the target had the image.</param>
public sealed record ImageCopyResult(ImageReference Target, IReadOnlyDictionary<string, string> Platforms, int BlobsTransferred, int BlobsSkipped,
    int ManifestsPut)
{
    /// <summary>The digest Lambda must run for <paramref name="lambdaArchitecture"/> (x86_64 or arm64): Lambda
    /// takes a single-platform manifest, so for an index this is the matching platform's manifest.</summary>
    /// <exception cref="RegistryException">The index has no manifest for that architecture.</exception>
    public string DigestFor(string lambdaArchitecture)
    {
        if (Platforms.Count == 0)
        {
            return Target.Digest!;
        }
        var oci = lambdaArchitecture == "x86_64" ? "amd64" : lambdaArchitecture;
        return Platforms.TryGetValue(oci, out var digest)
            ? digest
            : throw new RegistryException(
                $"{Target} has no {oci} image (it has {string.Join(", ", Platforms.Keys)}); build one or change the function's architecture.");
    }
}

using System.Security.Cryptography;
using Tern.Aws.Http;
using Tern.Aws.Registry;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Registry;

/// <summary>Image copies between two real registries (docker-registry), seeded through skopeo.</summary>
public sealed class ImageCopierTests(RegistryPair registries) : IClassFixture<RegistryPair>
{
    [SkippableFact]
    public async Task A_multi_arch_image_is_copied_by_digest_and_reads_back_identically()
    {
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        var target = await registries.StartEmptyAsync("fresh-copy");
        using var counter = new UploadCounter();
        using var clients = Clients(counter);

        var result = await new ImageCopier(clients).CopyAsync(Source(), target, "copy/app", default);

        Assert.Equal(registries.Image.IndexDigest, result.Target.Digest);
        Assert.Equal(registries.Image.BlobDigests.Order(), counter.Uploads.Keys.Order());
        Assert.Equal((registries.Image.BlobDigests.Count, 3), (result.BlobsTransferred, result.ManifestsPut));
        Assert.Equal(registries.Image.PlatformDigests["amd64"], result.DigestFor("x86_64"));
        Assert.Equal(registries.Image.PlatformDigests["arm64"], result.DigestFor("arm64"));
        foreach (var digest in registries.Image.PlatformDigests.Values.Append(registries.Image.IndexDigest))
        {
            var raw = await RegistryPair.InspectRawAsync(target, "copy/app", digest);
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)));
        }
    }

    [SkippableFact]
    public async Task A_second_copy_transfers_no_blob_and_puts_no_manifest()
    {
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        var target = await registries.StartEmptyAsync("second-run");
        using var counter = new UploadCounter();
        using var clients = Clients(counter);
        var copier = new ImageCopier(clients);
        await copier.CopyAsync(Source(), target, "copy/app", default);
        counter.Reset();

        var again = await copier.CopyAsync(Source(), target, "copy/app", default);

        Assert.Empty(counter.Uploads);
        Assert.Equal((0, 0), (again.BlobsTransferred, again.ManifestsPut));
        Assert.Equal(registries.Image.IndexDigest, again.Target.Digest);
    }

    [SkippableFact]
    public async Task An_interrupted_copy_resumes_and_uploads_no_blob_twice()
    {
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        var target = await registries.StartEmptyAsync("interrupted");
        using var counter = new UploadCounter { FailAfterUploads = 2 };
        using var clients = Clients(counter, maxAttempts: 1);
        var copier = new ImageCopier(clients);

        var cut = await Assert.ThrowsAsync<RegistryException>(() => copier.CopyAsync(Source(), target, "copy/app", default));
        Assert.Equal(AwsFailureKind.Network, cut.Kind);
        Assert.Equal(2, counter.Completed);
        counter.FailAfterUploads = null;
        var resumed = await copier.CopyAsync(Source(), target, "copy/app", default);

        Assert.Equal(registries.Image.BlobDigests.Count - 2, resumed.BlobsTransferred);
        Assert.Equal(2, resumed.BlobsSkipped - SharedLayerSkips);
        Assert.All(counter.Uploads.Values, n => Assert.Equal(1, n));
        Assert.Equal(registries.Image.BlobDigests.Order(), counter.Uploads.Keys.Order());
        Assert.Equal(registries.Image.IndexDigest,
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await RegistryPair.InspectRawAsync(target, "copy/app",
                registries.Image.IndexDigest))));
    }

    [SkippableFact]
    public async Task A_copy_by_tag_is_resolved_to_the_digest_and_large_blobs_go_up_in_chunks()
    {
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        var target = await registries.StartEmptyAsync("chunked");
        using var counter = new UploadCounter();
        using var clients = Clients(counter);
        var byTag = new ImageReference(registries.SourceHost, RegistryPair.SourceRepository, null, OciLayout.Tag);

        var result = await new ImageCopier(clients) { ChunkBytes = 64 }.CopyAsync(byTag, target, "chunked/app", default);

        Assert.Equal(registries.Image.IndexDigest, result.Target.Digest);
        Assert.Equal(registries.Image.BlobDigests.Count, counter.Uploads.Count);
        Assert.NotEmpty(await RegistryPair.InspectRawAsync(target, "chunked/app", registries.Image.PlatformDigests["arm64"]));
    }

    [SkippableFact]
    public async Task A_missing_source_image_says_so()
    {
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        using var counter = new UploadCounter();
        using var clients = Clients(counter);
        var missing = new ImageReference(registries.SourceHost, "src/none", "sha256:" + new string('0', 64), null);

        var failure = await Assert.ThrowsAsync<RegistryException>(
            () => new ImageCopier(clients).CopyAsync(missing, registries.TargetHost, "x/y", default));

        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    // The shared base layer is referenced by both platforms, so the second platform finds it in place.
    private const int SharedLayerSkips = 1;

    private ImageReference Source() => new(registries.SourceHost, RegistryPair.SourceRepository, registries.Image.IndexDigest, null);

    private static AwsClients Clients(HttpMessageHandler transport, int maxAttempts = 3) => new(
        new AwsConfiguration
        {
            Credentials = new AwsStaticCredentials("AKIDREGISTRYTESTS000", "unused-secret"),
            Retry = new AwsRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5) },
        }, transport: transport, environment: _ => null);
}

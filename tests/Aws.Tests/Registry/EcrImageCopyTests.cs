using Tern.Aws.Ecr.Model;
using Tern.Aws.Registry;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Registry;

/// <summary>A copy into a region's ECR as the operator makes it: the repository and the login come from the ECR API
/// (moto), the image goes through the registry protocol to the host --registry-url maps the region to (a
/// docker-registry standing for that region's ECR).</summary>
[Collection(MotoGroup.Name)]
public sealed class EcrImageCopyTests(MotoServer moto, RegistryPair registries) : IClassFixture<RegistryPair>
{
    private const string Region = "eu-west-3";

    [SkippableFact]
    public async Task A_copy_to_a_mapped_ECR_region_creates_the_repository_once_and_lands_by_digest()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        Skip.If(registries.SkipReason is not null, registries.SkipReason);
        var target = await registries.StartEmptyAsync("ecr-eu-west-3");
        var observer = new RecordingObserver();
        using var clients = new AwsClients(
            AwsConfiguration.Create(moto.Endpoint.ToString(), [$"{Region}=http://{target}"]) with { Credentials = moto.Credentials },
            observer: observer, environment: _ => null);
        var ecrHost = RegistryDirectory.EcrHost(MotoServer.AccountId, Region);
        var source = new ImageReference(registries.SourceHost, RegistryPair.SourceRepository, registries.Image.IndexDigest, null);
        var copier = new ImageCopier(clients);

        var first = await copier.CopyAsync(source, ecrHost, "shop/orders-resize", default);
        var second = await copier.CopyAsync(source, ecrHost, "shop/orders-resize", default);

        Assert.Equal($"{ecrHost}/shop/orders-resize@{registries.Image.IndexDigest}", first.Target.ToString());
        Assert.Equal((0, 0), (second.BlobsTransferred, second.ManifestsPut));
        Assert.Equal(1, observer.Count("CreateRepository", "success"));
        Assert.Equal(1, observer.Count("GetAuthorizationToken", "success"));
        var repositories = await clients.Ecr(Region)
            .DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = ["shop/orders-resize"] }, default);
        Assert.Single(repositories.Repositories!);
        Assert.NotEmpty(await RegistryPair.InspectRawAsync(target, "shop/orders-resize", first.DigestFor("arm64")));
    }
}

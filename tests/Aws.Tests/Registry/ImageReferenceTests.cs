using Tern.Aws.Registry;

namespace Tern.Aws.Tests.Registry;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void An_ECR_reference_by_digest_parses_into_host_repository_and_digest()
    {
        var image = ImageReference.Parse($"123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/resize@{Digest}");

        Assert.Equal(("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "shop/resize", Digest), (image.Host, image.Repository, image.Digest));
        Assert.Equal("eu-west-1", RegistryDirectory.EcrRegion(image.Host));
        Assert.Equal("123456789012", RegistryDirectory.EcrAccount(image.Host));
    }

    [Fact]
    public void A_reference_by_tag_on_a_port_keeps_the_port_in_the_host()
    {
        var image = ImageReference.Parse("127.0.0.1:5000/src/app:v1");

        Assert.Equal(("127.0.0.1:5000", "src/app", "v1", "v1"), (image.Host, image.Repository, image.Tag, image.Reference));
    }

    [Theory]
    [InlineData("resize@sha256:abc", "not a digest")]
    [InlineData("library/resize:v1", "names no registry host")]
    [InlineData("ghcr.io/Shop/Resize:v1", "must be non-empty lower-case")]
    public void A_malformed_reference_says_what_is_wrong(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => ImageReference.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_region_sends_its_ECR_host_to_the_mapped_URL_and_loopback_hosts_use_http()
    {
        var directory = new RegistryDirectory(new Dictionary<string, Uri> { ["eu-north-1"] = new("http://127.0.0.1:5001") });

        Assert.Equal(new Uri("http://127.0.0.1:5001"), directory.BaseUrl(RegistryDirectory.EcrHost("123456789012", "eu-north-1")));
        var unmapped = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        Assert.Equal(new Uri($"https://{unmapped}"), directory.BaseUrl(unmapped));
        Assert.Equal(new Uri("http://127.0.0.1:5002"), directory.BaseUrl("127.0.0.1:5002"));
        Assert.Equal("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", RegistryDirectory.EcrHost("123456789012", "cn-north-1"));
    }

    [Fact]
    public void A_Bearer_challenge_is_read_with_commas_inside_quotes()
    {
        var parameters = RegistryTokens.Parse(
            """realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push" """);

        Assert.Equal("https://auth.example.com/token", parameters["realm"]);
        Assert.Equal("registry.example.com", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }
}

using Tern.Aws.Ecr.Model;
using Tern.Aws.Registry;

namespace Tern.Aws.Tests;

public sealed class AwsConfigurationTests
{
    [Fact]
    public void Flags_become_an_endpoint_and_a_registry_per_region()
    {
        var configuration = AwsConfiguration.Create("http://127.0.0.1:5000",
            ["eu-west-1=http://127.0.0.1:5001", "us-east-1=https://mirror.example.com"]);

        Assert.Equal(new Uri("http://127.0.0.1:5000"), configuration.EndpointUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5001"), configuration.RegistryUrls["eu-west-1"]);
        Assert.Equal(2, configuration.RegistryUrls.Count);
    }

    [Theory]
    [InlineData("ftp://x", new string[0], "--aws-endpoint-url 'ftp://x'")]
    [InlineData(null, new[] { "eu-west-1" }, "--registry-url 'eu-west-1' is not REGION=URL")]
    [InlineData(null, new[] { "Europe=http://x" }, "'Europe' is not an AWS region name")]
    [InlineData(null, new[] { "eu-west-1=127.0.0.1:5001" }, "--registry-url for eu-west-1 '127.0.0.1:5001'")]
    [InlineData(null, new[] { "eu-west-1=http://a", "eu-west-1=http://b" }, "names region 'eu-west-1' twice")]
    public void A_bad_flag_value_is_named_in_the_error(string? endpoint, string[] registries, string expected)
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsConfiguration.Create(endpoint, registries));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_that_hold_secrets_never_print_them()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        const string token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

        var printed = string.Join('\n',
            new AwsStaticCredentials("AKIDEXAMPLE", secret, token).ToString(),
            new AwsConfiguration { Credentials = new AwsStaticCredentials("AKIDEXAMPLE", secret, token) }.ToString(),
            new RegistryCredentials("AWS", secret).ToString(),
            new AuthorizationData { AuthorizationToken = token, ProxyEndpoint = "https://x" }.ToString(),
            new GetAuthorizationTokenResponse { AuthorizationData = [new AuthorizationData { AuthorizationToken = token }] }.ToString());

        Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, printed, StringComparison.Ordinal);
        Assert.Contains("AKIDEXAMPLE", printed, StringComparison.Ordinal);
    }
}

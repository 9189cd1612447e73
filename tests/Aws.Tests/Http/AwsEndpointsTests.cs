using Tern.Aws.Http;

namespace Tern.Aws.Tests.Http;

public sealed class AwsEndpointsTests
{
    [Theory]
    [InlineData("eu-west-1", "https://lambda.eu-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://lambda.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "https://lambda.us-gov-west-1.amazonaws.com/")]
    public void Without_overrides_each_region_uses_its_partitions_endpoint(string region, string expected)
    {
        Assert.Equal(expected, new AwsEndpoints(null, _ => null).Resolve(AwsService.Lambda, region).ToString());
    }

    [Fact]
    public void The_ECR_API_host_has_its_own_prefix()
    {
        Assert.Equal("https://api.ecr.ap-south-1.amazonaws.com/", new AwsEndpoints(null, _ => null).Resolve(AwsService.Ecr, "ap-south-1").ToString());
    }

    [Fact]
    public void The_service_variable_beats_the_global_one_and_the_flag_beats_both()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4000",
            ["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:4001",
        };
        var fromEnvironment = new AwsEndpoints(null, environment.GetValueOrDefault);
        var fromFlag = new AwsEndpoints(new Uri("http://127.0.0.1:5000"), environment.GetValueOrDefault);

        Assert.Equal("http://127.0.0.1:4001/", fromEnvironment.Resolve(AwsService.Lambda, "eu-west-1").ToString());
        Assert.Equal("http://127.0.0.1:4000/", fromEnvironment.Resolve(AwsService.Ecr, "eu-west-1").ToString());
        Assert.Equal("http://127.0.0.1:5000/", fromFlag.Resolve(AwsService.Lambda, "eu-west-1").ToString());
        Assert.True(fromEnvironment.IsOverridden(AwsService.DynamoDb));
    }

    [Fact]
    public void A_malformed_endpoint_variable_is_named_in_the_error()
    {
        var endpoints = new AwsEndpoints(null, name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "localhost:8000" : null);

        var error = Assert.Throws<AwsConfigurationException>(() => endpoints.Resolve(AwsService.DynamoDb, "eu-west-1"));

        Assert.Contains("AWS_ENDPOINT_URL_DYNAMODB", error.Message, StringComparison.Ordinal);
        Assert.Contains("'localhost:8000'", error.Message, StringComparison.Ordinal);
    }
}

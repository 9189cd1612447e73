namespace Tern.Operator.Tests.Packaging;

/// <summary>values.schema.json as helm applies it: bad values stop `helm template` with the field named.</summary>
public class ChartSchemaTests
{
    [Theory]
    [InlineData("workers=two", "at '/workers': got string, want integer")]
    [InlineData("workers=0", "at '/workers': minimum")]
    [InlineData("nonsense=1", "additional properties 'nonsense' not allowed")]
    [InlineData("metrics.nonsense=1", "additional properties 'nonsense' not allowed")]
    [InlineData("health.port=-1", "at '/health/port': minimum: got -1")]
    [InlineData("metrics.port=70000", "at '/metrics/port': maximum: got 70,000")]
    [InlineData("logLevel=Loud", "at '/logLevel': value must be one of")]
    [InlineData("image.pullPolicy=Sometimes", "at '/image/pullPolicy': value must be one of")]
    [InlineData("image.digest=latest", "at '/image/digest'")]
    [InlineData("metrics.serviceMonitor.interval=often", "at '/metrics/serviceMonitor/interval'")]
    [InlineData("aws.endpointUrl=moto:5000", "at '/aws/endpointUrl'")]
    [InlineData("aws.placementTable=a b", "at '/aws/placementTable'")]
    [InlineData("aws.registryUrls.mars-1=https://registry.example.com", "invalid propertyName 'mars-1'")]
    [InlineData("leaderElection.enabled=false,replicaCount=2", "at '/replicaCount': value must be 1")]
    [InlineData("simulate=yes", "at '/simulate': got string, want boolean")]
    [InlineData("carbon.allowedEndpoints={https://carbon.example.com/v3}", "at '/carbon/allowedEndpoints/0'")]
    [InlineData("carbon.allowedEndpoints={http://prometheus.monitoring}", "at '/carbon/allowedEndpoints/0'")]
    public async Task Helm_rejects_values_that_break_the_schema_and_names_the_field(string set, string expected)
    {
        var result = await Helm.RunAsync("template", "tern", Helm.Chart, "--set", set);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_prometheus_operator_api_a_service_monitor_is_a_clear_error()
    {
        var result = await Helm.RunAsync("template", "tern", Helm.Chart, "--set", "metrics.serviceMonitor.enabled=true");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("metrics.serviceMonitor.enabled needs the monitoring.coreos.com/v1 API", result.Stderr, StringComparison.Ordinal);
    }
}

using Amazon;

namespace Tern.Aws.Http;

/// <summary>Where each service of each region is reached. In order: the explicit override (the operator's
/// <c>--aws-endpoint-url</c>), <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c>, and finally the
/// public endpoint of the region's partition (amazonaws.com, amazonaws.com.cn, …) — the order the SDKs use, with
/// the flag first because it is the most deliberate choice.</summary>
public sealed class AwsEndpoints
{
    public const string GlobalVariable = "AWS_ENDPOINT_URL";

    private readonly Uri? _override;
    private readonly Func<string, string?> _environment;

    /// <param name="endpointOverride">One URL serving every service and region (an emulator or a proxy), or null.</param>
    /// <param name="environment">Reads an environment variable; tests pass their own.</param>
    public AwsEndpoints(Uri? endpointOverride, Func<string, string?>? environment = null)
    {
        _override = endpointOverride;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The base URL of <paramref name="service"/> in <paramref name="region"/>.</summary>
    /// <exception cref="AwsConfigurationException">An endpoint variable holds something that is not an http(s) URL.</exception>
    public Uri Resolve(AwsService service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Configured(service) ?? new Uri($"https://{service.EndpointPrefix}.{region}.{PartitionSuffix(region)}");
    }

    /// <summary>True when <paramref name="service"/> is sent to an override instead of AWS's public endpoint.</summary>
    public bool IsOverridden(AwsService service) => Configured(service) is not null;

    /// <summary>The DNS suffix of the region's partition, e.g. amazonaws.com.cn for cn-north-1.</summary>
    public static string PartitionSuffix(string region) => RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;

    /// <summary>The name of the service-specific endpoint variable, e.g. AWS_ENDPOINT_URL_LAMBDA.</summary>
    public static string ServiceVariable(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return $"{GlobalVariable}_{service.EnvironmentKey}";
    }

    private Uri? Configured(AwsService service)
    {
        if (_override is not null)
        {
            return _override;
        }
        var name = ServiceVariable(service);
        return Parse(name, _environment(name)) ?? Parse(GlobalVariable, _environment(GlobalVariable));
    }

    private static Uri? Parse(string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return AwsConfiguration.ParseHttpUrl(value.Trim(), $"the environment variable {variable}");
    }
}

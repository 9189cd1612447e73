using System.Text.RegularExpressions;
using Tern.Aws.Http;

namespace Tern.Aws;

/// <summary>What the AWS clients need, checked when it is built so a bad flag fails start-up with its name.</summary>
public sealed partial record AwsConfiguration
{
    public const string EndpointFlag = "--aws-endpoint-url";
    public const string RegistryFlag = "--registry-url";

    /// <summary>One URL that serves every AWS service and region (an emulator, a VPC endpoint proxy), or null for the
    /// environment variables and then AWS's public endpoints.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Region → registry base URL, replacing the region's ECR registry host for image copies (a test registry,
    /// a private mirror).</summary>
    public IReadOnlyDictionary<string, Uri> RegistryUrls { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>Explicit credentials, or null for the SDK's default chain.</summary>
    public AwsStaticCredentials? Credentials { get; init; }

    /// <summary>Timeouts and retries of every call.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Builds a configuration from the operator's flags.</summary>
    /// <param name="endpointUrl">The value of --aws-endpoint-url, or null.</param>
    /// <param name="registryUrls">Each --registry-url value, as REGION=URL.</param>
    /// <exception cref="AwsConfigurationException">A value is malformed; the message names the flag and the value.</exception>
    public static AwsConfiguration Create(string? endpointUrl, IEnumerable<string>? registryUrls = null)
    {
        var endpoint = string.IsNullOrWhiteSpace(endpointUrl) ? null : ParseHttpUrl(endpointUrl.Trim(), EndpointFlag);
        var registries = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var entry in registryUrls ?? [])
        {
            var (region, url) = ParseRegistryEntry(entry);
            if (!registries.TryAdd(region, url))
            {
                throw new AwsConfigurationException($"{RegistryFlag} names region '{region}' twice; give each region one registry URL.");
            }
        }
        return new AwsConfiguration { EndpointUrl = endpoint, RegistryUrls = registries };
    }

    /// <summary>True when <paramref name="region"/> looks like an AWS region name (us-east-1, cn-north-1,
    /// us-gov-west-1).</summary>
    public static bool IsRegionName(string region) => RegionPattern().IsMatch(region);

    internal static Uri ParseHttpUrl(string value, string source)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AwsConfigurationException($"{source} '{value}' is not an absolute http or https URL, such as http://127.0.0.1:5000.");
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new AwsConfigurationException($"{source} '{value}' has a query or fragment; give only scheme, host, port and path.");
        }
        return uri;
    }

    private static (string Region, Uri Url) ParseRegistryEntry(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new AwsConfigurationException($"{RegistryFlag} '{entry}' is not REGION=URL, such as eu-west-1=http://127.0.0.1:5001.");
        }
        var region = entry[..equals].Trim();
        if (!IsRegionName(region))
        {
            throw new AwsConfigurationException($"{RegistryFlag} '{entry}': '{region}' is not an AWS region name such as eu-west-1.");
        }
        return (region, ParseHttpUrl(entry[(equals + 1)..].Trim(), $"{RegistryFlag} for {region}"));
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}

/// <summary>A configuration value is malformed; the message names the flag or variable and the value.</summary>
public sealed class AwsConfigurationException : Exception
{
    public AwsConfigurationException()
    {
    }

    public AwsConfigurationException(string message) : base(message)
    {
    }

    public AwsConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

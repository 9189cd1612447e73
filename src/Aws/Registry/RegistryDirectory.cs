using System.Text.RegularExpressions;
using Tern.Aws.Http;

namespace Tern.Aws.Registry;

/// <summary>Where a registry host is reached: https://host, unless the host is a region's ECR registry and
/// <c>--registry-url REGION=URL</c> maps that region elsewhere, or the host is given with a loopback address (plain
/// http, for local registries). Also tells ECR hosts apart, because their logins and repositories come from the
/// ECR API.</summary>
public sealed partial class RegistryDirectory
{
    private readonly IReadOnlyDictionary<string, Uri> _regionUrls;

    public RegistryDirectory(IReadOnlyDictionary<string, Uri>? regionUrls = null)
    {
        _regionUrls = regionUrls ?? new Dictionary<string, Uri>();
    }

    /// <summary>The base URL (scheme, host, port) the registry API of <paramref name="host"/> is reached at.</summary>
    public Uri BaseUrl(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (EcrRegion(host) is { } region && _regionUrls.TryGetValue(region, out var mapped))
        {
            return mapped;
        }
        var name = host.Split(':')[0];
        var loopback = name is "localhost" or "127.0.0.1" || name.StartsWith("127.", StringComparison.Ordinal);
        return new Uri($"{(loopback ? "http" : "https")}://{host}");
    }

    /// <summary>The region of an ECR registry host ({account}.dkr.ecr.{region}.amazonaws.com[.cn]), or null.</summary>
    public static string? EcrRegion(string host)
    {
        var match = EcrHostPattern().Match(host ?? "");
        return match.Success ? match.Groups["region"].Value : null;
    }

    /// <summary>The account of an ECR registry host, or null.</summary>
    public static string? EcrAccount(string host)
    {
        var match = EcrHostPattern().Match(host ?? "");
        return match.Success ? match.Groups["account"].Value : null;
    }

    /// <summary>The ECR registry host of <paramref name="account"/> in <paramref name="region"/>.</summary>
    public static string EcrHost(string account, string region) => $"{account}.dkr.ecr.{region}.{AwsEndpoints.PartitionSuffix(region)}";

    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex EcrHostPattern();
}

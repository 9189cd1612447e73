using Tern.Entities.CarbonSources;

namespace Tern.Carbon.Prometheus;

/// <summary>Everything the Prometheus provider needs, checked when it is built. ToString never shows the token.</summary>
internal sealed record PrometheusConfiguration(string Endpoint, string QueryTemplate, string? Token)
{
    public const string ZonePlaceholder = "{{zone}}";

    public static PrometheusConfiguration Create(PrometheusSettings settings, string? token)
    {
        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CarbonProviderException($"spec.prometheus.endpoint '{settings.Endpoint}' is not an http or https URL.",
                CarbonFailure.InvalidConfiguration);
        }
        if (!settings.QueryTemplate.Contains(ZonePlaceholder, StringComparison.Ordinal))
        {
            throw new CarbonProviderException(
                $"spec.prometheus.queryTemplate does not contain {ZonePlaceholder}, so every region would get the same series.",
                CarbonFailure.InvalidConfiguration);
        }
        if (settings.TokenSecretRef is { } secret && string.IsNullOrWhiteSpace(token))
        {
            throw new CarbonProviderException($"Secret {secret.Name} has no key '{secret.Key}' (spec.prometheus.tokenSecretRef), or it is empty.",
                CarbonFailure.Unauthorized);
        }
        return new PrometheusConfiguration(settings.Endpoint, settings.QueryTemplate, token?.Trim());
    }

    public override string ToString() =>
        $"PrometheusConfiguration {{ Endpoint = {Endpoint}, QueryTemplate = {QueryTemplate}, Token = {(Token is null ? "none" : "***")} }}";
}

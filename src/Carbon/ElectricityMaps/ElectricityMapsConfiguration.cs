using Tern.Entities.CarbonSources;

namespace Tern.Carbon.ElectricityMaps;

/// <summary>Everything the Electricity Maps client needs, checked when it is built so a bad setting fails the
/// refresh with its name instead of a confusing HTTP error. ToString never shows the token.</summary>
internal sealed record ElectricityMapsConfiguration(string Endpoint, string Token, LocationMode Location, EmissionFactorType EmissionFactorType)
{
    public static ElectricityMapsConfiguration Create(ElectricityMapsSettings settings, string? token)
    {
        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CarbonProviderException($"spec.electricityMaps.endpoint '{settings.Endpoint}' is not an http or https URL.",
                CarbonFailure.InvalidConfiguration);
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CarbonProviderException(
                $"Secret {settings.TokenSecretRef.Name} has no key '{settings.TokenSecretRef.Key}' (spec.electricityMaps.tokenSecretRef), "
                + "or it is empty; put the Electricity Maps API token there.",
                CarbonFailure.Unauthorized);
        }
        return new ElectricityMapsConfiguration(settings.Endpoint, token.Trim(), settings.Location, settings.EmissionFactorType);
    }

    public override string ToString() =>
        $"ElectricityMapsConfiguration {{ Endpoint = {Endpoint}, Token = ***, Location = {Location}, EmissionFactorType = {EmissionFactorType} }}";
}

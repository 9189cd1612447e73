using Tern.Entities.CarbonSources;

namespace Tern.Carbon.WattTime;

/// <summary>Everything the WattTime client needs, checked when it is built. ToString never shows the credentials.</summary>
internal sealed record WattTimeConfiguration(string Endpoint, string Username, string Password)
{
    public static WattTimeConfiguration Create(WattTimeSettings settings, string? username, string? password)
    {
        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CarbonProviderException($"spec.wattTime.endpoint '{settings.Endpoint}' is not an http or https URL.",
                CarbonFailure.InvalidConfiguration);
        }
        var secret = settings.CredentialsSecretRef;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            var missing = string.IsNullOrEmpty(username) ? secret.UsernameKey : secret.PasswordKey;
            throw new CarbonProviderException(
                $"Secret {secret.Name} has no key '{missing}' (spec.wattTime.credentialsSecretRef), or it is empty; "
                + "put the WattTime user name and password there.",
                CarbonFailure.Unauthorized);
        }
        return new WattTimeConfiguration(settings.Endpoint, username, password);
    }

    public override string ToString() => $"WattTimeConfiguration {{ Endpoint = {Endpoint}, Username = ***, Password = *** }}";
}

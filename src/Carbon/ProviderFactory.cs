using Tern.Entities.CarbonSources;
using Tern.Carbon.ElectricityMaps;
using Tern.Carbon.ElectricityMaps.Client;
using Tern.Carbon.Http;
using Tern.Carbon.Prometheus;
using Tern.Carbon.Prometheus.Client;
using Tern.Carbon.Static;
using Tern.Carbon.UKCarbonIntensity;
using Tern.Carbon.UKCarbonIntensity.Client;
using Tern.Carbon.WattTime;
using Tern.Carbon.WattTime.Client;
using Tern.Carbon.Bundled;

namespace Tern.Carbon;

/// <summary>Builds the provider a CarbonSource names, reading its Secret or ConfigMap first so a missing credential is
/// reported as such before any request is made.</summary>
internal sealed class ProviderFactory(HttpClient http, RetryOptions retry, TimeProvider time, Func<CarbonHistory> bundled, IConfigMapReader? configMaps)
{
    public async Task<ICarbonProvider> CreateAsync(CarbonSourceSpec spec, ISecretReader secrets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        switch (spec.Provider)
        {
            case CarbonProvider.ElectricityMaps:
                var em = spec.ElectricityMaps!;
                var token = await secrets.ReadAsync(em.TokenSecretRef.Name, em.TokenSecretRef.Key, ct).ConfigureAwait(false);
                var emConfiguration = ElectricityMapsConfiguration.Create(em, token);
                return new ElectricityMapsProvider(new ElectricityMapsClient(http, emConfiguration, retry, time), emConfiguration);
            case CarbonProvider.WattTime:
                var wt = spec.WattTime!;
                var username = await secrets.ReadAsync(wt.CredentialsSecretRef.Name, wt.CredentialsSecretRef.UsernameKey, ct).ConfigureAwait(false);
                var password = await secrets.ReadAsync(wt.CredentialsSecretRef.Name, wt.CredentialsSecretRef.PasswordKey, ct).ConfigureAwait(false);
                return new WattTimeProvider(new WattTimeClient(http, WattTimeConfiguration.Create(wt, username, password), retry, time));
            case CarbonProvider.UKCarbonIntensity:
                var endpoint = (spec.UKCarbonIntensity ?? new UKCarbonIntensitySettings()).Endpoint;
                return new UKCarbonIntensityProvider(new UKCarbonIntensityClient(http, endpoint, retry, time), time);
            case CarbonProvider.Prometheus:
                var prometheus = spec.Prometheus!;
                var bearer = prometheus.TokenSecretRef is { } secret ? await secrets.ReadAsync(secret.Name, secret.Key, ct).ConfigureAwait(false) : null;
                var promConfiguration = PrometheusConfiguration.Create(prometheus, bearer);
                return new PrometheusProvider(new PrometheusClient(http, promConfiguration.Endpoint, promConfiguration.Token, retry, time), promConfiguration);
            default:
                return await CreateStaticAsync(spec.Static, ct).ConfigureAwait(false);
        }
    }

    private async Task<ICarbonProvider> CreateStaticAsync(StaticSettings? settings, CancellationToken ct)
    {
        if (settings?.ConfigMapRef is not { } reference)
        {
            return StaticProvider.FromBundled(bundled());
        }
        if (configMaps is null)
        {
            throw new CarbonProviderException($"spec.static.configMapRef ({reference.Name}/{reference.Key}) is read from the cluster, which is not available here; remove it to use the bundled data.",
                CarbonFailure.InvalidConfiguration);
        }
        var text = await configMaps.ReadAsync(reference.Name, reference.Key, ct).ConfigureAwait(false)
            ?? throw new CarbonProviderException($"ConfigMap {reference.Name} has no key '{reference.Key}' (spec.static.configMapRef); put the CSV datetime_utc,zone,gco2_per_kwh there.",
                CarbonFailure.InvalidConfiguration);
        try
        {
            return StaticProvider.FromCsv(text, $"ConfigMap {reference.Name}/{reference.Key}");
        }
        catch (FormatException e)
        {
            throw new CarbonProviderException(e.Message, CarbonFailure.InvalidConfiguration, null, e);
        }
    }
}

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
using Microsoft.Extensions.Logging;

namespace Tern.Carbon;

/// <summary>Builds the provider a CarbonSource names. Its endpoint is checked against the operator's
/// <see cref="EndpointPolicy"/> before its Secret is read, and the Secret or ConfigMap is read before any request, so a
/// forbidden endpoint or a missing credential is reported as such and nothing is sent.</summary>
internal sealed class ProviderFactory(HttpClient http, CarbonRefresherOptions options, TimeProvider time, ILogger logger, Func<CarbonHistory> bundled)
{
    /// <param name="redactor">Learns every secret read here, so nothing derived from this refresh can show one.</param>
    public async Task<ICarbonProvider> CreateAsync(CarbonSourceSpec spec, ISecretReader secrets, Redactor redactor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        var context = new ProviderContext(http, options.Requests, time, logger, redactor);
        async Task<string?> ReadAsync(string name, string key)
        {
            string? value;
            try
            {
                value = await secrets.ReadAsync(name, key, ct).ConfigureAwait(false);
            }
            catch (SecretNotUsableException e)
            {
                throw new CarbonProviderException(e.Message, CarbonFailure.SecretNotLabelled, null, e);
            }
            redactor.Add(value);
            redactor.Add(value?.Trim());
            return value;
        }
        switch (spec.Provider)
        {
            case CarbonProvider.ElectricityMaps:
                var em = spec.ElectricityMaps!;
                options.Endpoints.Check("spec.electricityMaps.endpoint", em.Endpoint, new ElectricityMapsSettings().Endpoint, sendsCredentials: true);
                var token = await ReadAsync(em.TokenSecretRef.Name, em.TokenSecretRef.Key).ConfigureAwait(false);
                var emConfiguration = ElectricityMapsConfiguration.Create(em, token);
                return new ElectricityMapsProvider(new ElectricityMapsClient(context, emConfiguration), emConfiguration);
            case CarbonProvider.WattTime:
                var wt = spec.WattTime!;
                options.Endpoints.Check("spec.wattTime.endpoint", wt.Endpoint, new WattTimeSettings().Endpoint, sendsCredentials: true);
                var username = await ReadAsync(wt.CredentialsSecretRef.Name, wt.CredentialsSecretRef.UsernameKey).ConfigureAwait(false);
                var password = await ReadAsync(wt.CredentialsSecretRef.Name, wt.CredentialsSecretRef.PasswordKey).ConfigureAwait(false);
                return new WattTimeProvider(new WattTimeClient(context, WattTimeConfiguration.Create(wt, username, password)));
            case CarbonProvider.UKCarbonIntensity:
                var endpoint = (spec.UKCarbonIntensity ?? new UKCarbonIntensitySettings()).Endpoint;
                options.Endpoints.Check("spec.ukCarbonIntensity.endpoint", endpoint, new UKCarbonIntensitySettings().Endpoint,
                    sendsCredentials: false);
                return new UKCarbonIntensityProvider(new UKCarbonIntensityClient(context, endpoint), time);
            case CarbonProvider.Prometheus:
                var prometheus = spec.Prometheus!;
                options.Endpoints.Check("spec.prometheus.endpoint", prometheus.Endpoint, null,
                    sendsCredentials: prometheus.TokenSecretRef is not null);
                var bearer = prometheus.TokenSecretRef is { } secret ? await ReadAsync(secret.Name, secret.Key).ConfigureAwait(false) : null;
                var promConfiguration = PrometheusConfiguration.Create(prometheus, bearer);
                return new PrometheusProvider(new PrometheusClient(context, promConfiguration.Endpoint, promConfiguration.Token), promConfiguration);
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
        if (options.ConfigMaps is not { } configMaps)
        {
            throw new CarbonProviderException($"spec.static.configMapRef ({reference.Name}/{reference.Key}) is read from the cluster, "
                + "which is not available here; remove it to use the bundled data.",
                CarbonFailure.InvalidConfiguration);
        }
        var text = await configMaps.ReadAsync(reference.Name, reference.Key, ct).ConfigureAwait(false)
            ?? throw new CarbonProviderException($"ConfigMap {reference.Name} has no key '{reference.Key}' (spec.static.configMapRef); "
                + "put the CSV datetime_utc,zone,gco2_per_kwh there.",
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

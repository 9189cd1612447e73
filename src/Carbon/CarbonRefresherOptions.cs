using Tern.Carbon.Bundled;
using Tern.Carbon.Http;
using Tern.Entities.Regions;

namespace Tern.Carbon;

/// <summary>What a <see cref="CarbonRefresher"/> works with besides the CarbonSource.</summary>
public sealed record CarbonRefresherOptions
{
    /// <summary>The regions and their default zones.</summary>
    public RegionCatalogue Catalogue { get; init; } = RegionCatalogue.Bundled;

    /// <summary>Only these regions are refreshed (for example those some workflow uses); null for the whole catalogue.</summary>
    public IReadOnlyCollection<string>? Regions { get; init; }

    /// <summary>Timeouts, retries and the body limit of each provider request.</summary>
    public ProviderRequestOptions Requests { get; init; } = new();

    /// <summary>The deadline of a whole refresh: Secrets, every zone, retries and backoff included. A hanging provider
    /// then holds a CarbonSource worker this long at most; zones that answered in time are kept.</summary>
    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Zones fetched at the same time. Small, because providers rate-limit per account.</summary>
    public int MaxConcurrentFetches { get; init; } = 4;

    /// <summary>The hosts a CarbonSource's endpoint may name besides its provider's default.</summary>
    public EndpointPolicy Endpoints { get; init; } = EndpointPolicy.DefaultHostsOnly;

    /// <summary>Reads the Static provider's ConfigMap; null where there is no cluster.</summary>
    public IConfigMapReader? ConfigMaps { get; init; }

    /// <summary>The bundled carbon history; null to load data/carbon beside the binary on first use.</summary>
    public CarbonHistory? BundledCarbon { get; init; }
}

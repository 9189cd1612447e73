using Tern.Carbon.WattTime.Model;

namespace Tern.Carbon.WattTime.Client;

/// <summary>The WattTime v3 endpoints Tern uses; login happens inside.</summary>
internal interface IWattTimeClient
{
    /// <summary>/v3/historical for at most <see cref="WattTimeClient.MaxHistoricalRange"/>.</summary>
    Task<SignalResponse> GetHistoricalAsync(string region, DateTimeOffset start, DateTimeOffset end, CancellationToken ct);

    /// <summary>/v3/forecast for the next 24 hours.</summary>
    Task<SignalResponse> GetForecastAsync(string region, CancellationToken ct);

    /// <summary>/v3/region-from-loc: the WattTime balancing-authority region at a position.</summary>
    Task<RegionFromLocResponse> GetRegionFromLocationAsync(double latitude, double longitude, CancellationToken ct);
}

using Tern.Carbon.UKCarbonIntensity.Model;

namespace Tern.Carbon.UKCarbonIntensity.Client;

/// <summary>The national endpoints of the UK Carbon Intensity API (no account).</summary>
internal interface IUKCarbonIntensityClient
{
    /// <summary>/intensity/{from}/{to}, at most <see cref="UKCarbonIntensityClient.MaxRange"/>.</summary>
    Task<IntensityResponse> GetIntensityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>/intensity/{from}/fw48h: the next 48 hours.</summary>
    Task<IntensityResponse> GetForecastAsync(DateTimeOffset from, CancellationToken ct);
}

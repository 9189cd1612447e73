using Tern.Carbon.ElectricityMaps.Model;

namespace Tern.Carbon.ElectricityMaps.Client;

/// <summary>The Electricity Maps v3 carbon-intensity endpoints Tern uses.</summary>
internal interface IElectricityMapsClient
{
    /// <summary>carbon-intensity/history: the last 24 hours.</summary>
    Task<HistoryResponse> GetHistoryAsync(ElectricityMapsLocation location, CancellationToken ct);

    /// <summary>carbon-intensity/past-range for at most 10 days (the API's limit).</summary>
    Task<PastRangeResponse> GetPastRangeAsync(ElectricityMapsLocation location, DateTimeOffset start, DateTimeOffset end, CancellationToken ct);

    /// <summary>carbon-intensity/forecast.</summary>
    Task<ForecastResponse> GetForecastAsync(ElectricityMapsLocation location, CancellationToken ct);
}

/// <summary>How a request names the place: a zone, coordinates, or an AWS region Electricity Maps maps itself.</summary>
internal sealed record ElectricityMapsLocation(string? Zone = null, double? Latitude = null, double? Longitude = null, string? AwsRegion = null);

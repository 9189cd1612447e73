using Tern.Entities.CarbonSources;
using Tern.Carbon.ElectricityMaps.Client;
using Tern.Carbon.ElectricityMaps.Model;

namespace Tern.Carbon.ElectricityMaps;

/// <summary>Electricity Maps: an average signal, lifecycle or direct. History comes from past-range in pages of
/// at most 10 days (history only covers the last 24 hours, too little for a week's profile).</summary>
internal sealed class ElectricityMapsProvider(IElectricityMapsClient client, ElectricityMapsConfiguration configuration) : ICarbonProvider
{
    public string Name => "Electricity Maps";

    public SignalType Signal => SignalType.Average;

    public EmissionFactorType? EmissionFactor => configuration.EmissionFactorType;

    public bool HasForecast => true;

    public string? Unsupported(ZoneRequest request) => null;

    public string FetchKey(ZoneRequest request) =>
        configuration.Location == LocationMode.Zone || request.Overridden ? request.Zone : request.Region.Code;

    public async Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var location = Locate(request);
        var readings = new List<CarbonReading>();
        string? zone = null;
        for (var start = from; start < to; start += ElectricityMapsClient.MaxPastRange)
        {
            var end = start + ElectricityMapsClient.MaxPastRange < to ? start + ElectricityMapsClient.MaxPastRange : to;
            var page = await client.GetPastRangeAsync(location, start, end, ct).ConfigureAwait(false);
            zone ??= page.Zone ?? page.Data?.FirstOrDefault(p => p.Zone is not null)?.Zone;
            readings.AddRange((page.Data ?? []).Select(p => (CarbonReading)p));
        }
        // Page ends are inclusive on the API side, so the boundary hour can come twice.
        var unique = readings.Where(r => r.Time >= from && r.Time < to).DistinctBy(r => r.Time).OrderBy(r => r.Time).ToList();
        return new ZoneReadings(zone ?? request.Zone, unique, []);
    }

    public async Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct)
    {
        var forecast = await client.GetForecastAsync(Locate(request), ct).ConfigureAwait(false);
        var points = forecast.Forecast ?? [];
        return new ZoneReadings(forecast.Zone ?? request.Zone, [.. points.Select(p => (CarbonReading)p).OrderBy(r => r.Time)], []);
    }

    private ElectricityMapsLocation Locate(ZoneRequest request) =>
        request.Overridden ? new ElectricityMapsLocation(Zone: request.Zone) : configuration.Location switch
        {
            LocationMode.Coordinates => new ElectricityMapsLocation(Latitude: request.Region.Latitude, Longitude: request.Region.Longitude),
            LocationMode.DataCenter => new ElectricityMapsLocation(AwsRegion: request.Region.Code),
            _ => new ElectricityMapsLocation(Zone: request.Zone),
        };
}

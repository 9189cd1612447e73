using System.Collections.Concurrent;
using Tern.Entities.CarbonSources;
using Tern.Carbon.WattTime.Client;
using Tern.Carbon.WattTime.Model;

namespace Tern.Carbon.WattTime;

/// <summary>WattTime: a marginal signal (MOER) in 5-minute steps, converted from lbs/MWh to g/kWh. Catalogue zones
/// are Electricity Maps zones, which WattTime does not know, so a region without an override is located by its
/// coordinates (region-from-loc), cached for the provider's life.</summary>
internal sealed class WattTimeProvider(IWattTimeClient client) : ICarbonProvider
{
    /// <summary>1 lb = 453.592 g and 1 MWh = 1000 kWh, so lbs/MWh × 0.453592 = g/kWh.</summary>
    public const double GramsPerKwhPerLbsPerMwh = 0.453592;

    private readonly ConcurrentDictionary<string, string> _regionByLocation = new(StringComparer.Ordinal);

    public string Name => "WattTime";

    public SignalType Signal => SignalType.Marginal;

    public EmissionFactorType? EmissionFactor => null;

    public bool HasForecast => true;

    public string? Unsupported(ZoneRequest request) => null;

    public string FetchKey(ZoneRequest request) => request.Overridden ? request.Zone : request.Region.Code;

    public async Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var region = await RegionOfAsync(request, ct).ConfigureAwait(false);
        var readings = new List<CarbonReading>();
        var notes = new List<string>();
        for (var start = from; start < to; start += WattTimeClient.MaxHistoricalRange)
        {
            var end = start + WattTimeClient.MaxHistoricalRange < to ? start + WattTimeClient.MaxHistoricalRange : to;
            var page = await client.GetHistoricalAsync(region, start, end, ct).ConfigureAwait(false);
            readings.AddRange(Convert(page, notes));
        }
        return new ZoneReadings(region, [.. readings.Where(r => r.Time >= from && r.Time < to).DistinctBy(r => r.Time).OrderBy(r => r.Time)], notes);
    }

    public async Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct)
    {
        var region = await RegionOfAsync(request, ct).ConfigureAwait(false);
        var notes = new List<string>();
        var forecast = await client.GetForecastAsync(region, ct).ConfigureAwait(false);
        return new ZoneReadings(region, [.. Convert(forecast, notes).OrderBy(r => r.Time)], notes);
    }

    private async Task<string> RegionOfAsync(ZoneRequest request, CancellationToken ct)
    {
        if (request.Overridden)
        {
            return request.Zone;
        }
        if (_regionByLocation.TryGetValue(request.Region.Code, out var cached))
        {
            return cached;
        }
        var found = await client.GetRegionFromLocationAsync(request.Region.Latitude, request.Region.Longitude, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(found.Region))
        {
            var region = request.Region;
            throw new WattTimeClientException($"WattTime region-from-loc found no region at {region.Latitude}, {region.Longitude} ({region.Code}); "
                + $"set spec.zoneOverrides.{region.Code} to a WattTime region such as CAISO_NORTH.",
                CarbonFailure.NotFound, null, null);
        }
        _regionByLocation[request.Region.Code] = found.Region;
        return found.Region;
    }

    private static IEnumerable<CarbonReading> Convert(SignalResponse response, List<string> notes)
    {
        var units = response.Meta?.Units;
        var factor = units switch
        {
            "lbs_co2_per_mwh" or null => GramsPerKwhPerLbsPerMwh,
            // kg/MWh and g/kWh are the same quantity.
            "kg_co2_per_mwh" or "g_co2_per_kwh" => 1.0,
            _ => throw new WattTimeClientException(
                "WattTime answered in units Tern cannot convert to g/kWh (it knows lbs_co2_per_mwh, kg_co2_per_mwh and g_co2_per_kwh).",
                CarbonFailure.InvalidResponse, null, null),
        };
        foreach (var warning in response.Meta?.Warnings ?? [])
        {
            notes.Add($"WattTime warning {warning.Type}: {warning.Message}");
        }
        return (response.Data ?? []).Select(p => new CarbonReading(p.PointTime.ToUniversalTime(), p.Value * factor));
    }
}

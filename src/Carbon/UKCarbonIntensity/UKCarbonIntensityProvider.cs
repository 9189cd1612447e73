using System.Globalization;
using Tern.Entities.CarbonSources;
using Tern.Carbon.UKCarbonIntensity.Client;
using Tern.Carbon.UKCarbonIntensity.Model;

namespace Tern.Carbon.UKCarbonIntensity;

/// <summary>The UK Carbon Intensity API: Great Britain only (zone GB, AWS eu-west-2), 30-minute periods, an average
/// direct (generation) signal. A period whose actual is not yet published (null) uses its forecast, and the
/// refresh says how many did.</summary>
internal sealed class UKCarbonIntensityProvider(IUKCarbonIntensityClient client, TimeProvider time) : ICarbonProvider
{
    public const string Zone = "GB";

    public string Name => "UK Carbon Intensity";

    public SignalType Signal => SignalType.Average;

    public EmissionFactorType? EmissionFactor => EmissionFactorType.Direct;

    public bool HasForecast => true;

    public string? Unsupported(ZoneRequest request) =>
        request.Zone == Zone ? null : $"UK Carbon Intensity covers Great Britain only (zone {Zone}, eu-west-2), not zone {request.Zone}";

    public string FetchKey(ZoneRequest request) => Zone;

    public async Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var readings = new List<CarbonReading>();
        var fromForecast = 0;
        for (var start = from; start < to; start += UKCarbonIntensityClient.MaxRange)
        {
            var end = start + UKCarbonIntensityClient.MaxRange < to ? start + UKCarbonIntensityClient.MaxRange : to;
            var page = await client.GetIntensityAsync(start, end, ct).ConfigureAwait(false);
            foreach (var period in page.Data ?? [])
            {
                var value = period.Intensity?.Actual;
                if (value is null && period.Intensity?.Forecast is { } forecast)
                {
                    value = forecast;
                    fromForecast++;
                }
                readings.Add(new CarbonReading(Start(period), value));
            }
        }
        var notes = fromForecast == 0 ? new List<string>()
            : [$"zone {Zone}: {fromForecast} half-hour period(s) had no actual intensity yet; their forecast was used"];
        return new ZoneReadings(Zone, [.. readings.Where(r => r.Time >= from && r.Time < to).DistinctBy(r => r.Time).OrderBy(r => r.Time)], notes);
    }

    public async Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct)
    {
        var page = await client.GetForecastAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
        var readings = (page.Data ?? []).Select(p => new CarbonReading(Start(p), p.Intensity?.Forecast)).OrderBy(r => r.Time);
        return new ZoneReadings(Zone, [.. readings], []);
    }

    private static DateTimeOffset Start(IntensityPeriod period) =>
        DateTimeOffset.TryParse(period.From, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time)
            ? time
            : throw new UKCarbonIntensityClientException(
                "UK Carbon Intensity returned a period whose 'from' is not a time such as 2024-05-01T13:30Z.",
                CarbonFailure.InvalidResponse, null, null);
}

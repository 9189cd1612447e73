using System.Globalization;
using System.Text.Json;
using Tern.Entities.CarbonSources;
using Tern.Carbon.Prometheus.Client;

namespace Tern.Carbon.Prometheus;

/// <summary>Prometheus: for teams that already export grid intensity. The query template, with {{zone}} replaced,
/// must return one series in g/kWh; it is sampled every 5 minutes and averaged to hours like any 5-minute data.
/// Tern cannot know the signal type of someone else's metric, so it reports Average.</summary>
internal sealed class PrometheusProvider(IPrometheusClient client, PrometheusConfiguration configuration) : ICarbonProvider
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public string Name => "Prometheus";

    public SignalType Signal => SignalType.Average;

    public EmissionFactorType? EmissionFactor => null;

    public bool HasForecast => false;

    public string? Unsupported(ZoneRequest request) => null;

    public string FetchKey(ZoneRequest request) => request.Zone;

    public async Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Zones are plain identifiers (validated), but quotes are escaped anyway so a template stays valid PromQL.
        var query = configuration.QueryTemplate.Replace(PrometheusConfiguration.ZonePlaceholder,
            request.Zone.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var readings = new List<CarbonReading>();
        var page = Step * PrometheusClient.MaxPoints;
        for (var start = from; start < to; start += page)
        {
            // query_range includes both ends; the last sample of a page is the first of the next, removed below.
            var end = start + page < to ? start + page : to - Step;
            var response = await client.QueryRangeAsync(query, start, end, Step, ct).ConfigureAwait(false);
            var series = response.Data?.Result ?? [];
            if (series.Count > 1)
            {
                throw new PrometheusClientException($"Prometheus query '{query}' returned {series.Count} series for zone {request.Zone}; "
                    + "it must return one (aggregate it, for example with avg(...)).",
                    CarbonFailure.InvalidResponse, null, null);
            }
            readings.AddRange(series.SelectMany(s => s.Values ?? []).Select(Parse));
        }
        var window = readings.Where(r => r.Time >= from && r.Time < to).DistinctBy(r => r.Time).OrderBy(r => r.Time);
        return new ZoneReadings(request.Zone, [.. window], []);
    }

    public Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct) =>
        throw new NotSupportedException("Prometheus holds measurements, not forecasts.");

    private static CarbonReading Parse(JsonElement[] pair)
    {
        if (pair.Length != 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
        {
            throw new PrometheusClientException("Prometheus returned a sample that is not [unix seconds, \"value\"].",
                CarbonFailure.InvalidResponse, null, null);
        }
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000));
        // Prometheus writes NaN and ±Inf as strings too; they reach the plausibility filter and are counted there.
        var value = double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
        return new CarbonReading(time, value);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Tern.Carbon.Bundled;
using Tern.Carbon.Http;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.Validation;

namespace Tern.Carbon.History;

/// <summary>Reads the recorded intensity of one grid zone over a window, at the provider's own step (30 minutes for UK
/// Carbon Intensity, an hour for the others), from whatever provider a CarbonSource names. This is what accounting
/// needs: the value of each period as it was, not the hour-of-day profile a refresh makes for planning.</summary>
public sealed class IntensityHistoryReader(HttpClient http, TimeProvider time, CarbonRefresherOptions? options = null)
{
    private readonly CarbonRefresherOptions _options = options ?? new CarbonRefresherOptions();

    /// <summary>Readings of the zone whose period starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="region">A catalogue region: its zone (after spec.zoneOverrides) is read, and providers that locate
    /// by position use its coordinates. Null when <paramref name="zone"/> is given.</param>
    /// <param name="zone">A grid zone to read directly, for example GB; null when <paramref name="region"/> is given.</param>
    /// <exception cref="IntensityHistoryException">The spec is invalid, the region unknown, or the provider failed.</exception>
    public async Task<IntensityHistory> ReadAsync(CarbonSource source, ISecretReader secrets, string? region, string? zone,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new CarbonSourceValidator(_options.Catalogue).Validate(source);
        if (errors.Count > 0)
        {
            throw new IntensityHistoryException(string.Join(" ", errors.Select(e => e.ToString())));
        }
        var request = Request(source.Spec, region, zone);
        var bundled = new Lazy<CarbonHistory>(() => _options.BundledCarbon ?? CarbonHistory.Load(CarbonHistory.BundledDirectory));
        var factory = new ProviderFactory(http, _options, time, NullLogger.Instance, () => bundled.Value);
        var redactor = new Redactor();
        try
        {
            var provider = await factory.CreateAsync(source.Spec, secrets, redactor, ct).ConfigureAwait(false);
            if (provider.Unsupported(request) is { } unsupported)
            {
                throw new IntensityHistoryException($"{provider.Name}: {unsupported}.");
            }
            var readings = await provider.GetHistoryAsync(request, from, to, ct).ConfigureAwait(false);
            return new IntensityHistory(provider.Name, readings.Zone,
                [.. readings.Readings.Select(r => new IntensityReading(r.Time, r.GramsPerKwh))],
                [.. readings.Notes.Select(redactor.Redact)]);
        }
        catch (CarbonProviderException e)
        {
            throw new IntensityHistoryException(redactor.Redact(e.Message), e);
        }
    }

    private ZoneRequest Request(CarbonSourceSpec spec, string? region, string? zone)
    {
        if (region is not null)
        {
            var known = _options.Catalogue.Find(region)
                ?? throw new IntensityHistoryException(
                    $"'{region}' is not an AWS region in Tern's catalogue.{_options.Catalogue.DidYouMean(region)}");
            return spec.ZoneOverrides.TryGetValue(region, out var overridden)
                ? new ZoneRequest(known, overridden, true)
                : new ZoneRequest(known, known.DefaultZone, false);
        }
        var zoneName = zone ?? throw new ArgumentException("Give a region or a zone.", nameof(zone));
        // A zone is read as named; a catalogue region on that zone lends its position to providers that locate by coordinates.
        var host = _options.Catalogue.All.FirstOrDefault(r => r.DefaultZone == zoneName)
            ?? new Region(zoneName, zoneName, double.NaN, double.NaN, zoneName);
        return new ZoneRequest(host, zoneName, true);
    }
}

/// <summary>A zone's recorded intensity.</summary>
/// <param name="Provider">The provider's name, for messages and the report.</param>
/// <param name="Readings">In time order; a null value is a gap the provider reported.</param>
/// <param name="Notes">What the provider wants the reader to know (forecasts standing in for actuals).</param>
public sealed record IntensityHistory(string Provider, string Zone, IReadOnlyList<IntensityReading> Readings, IReadOnlyList<string> Notes);

/// <summary>The intensity of the period that starts at <paramref name="Start"/> (UTC), g CO2e/kWh, or null for a gap.</summary>
public sealed record IntensityReading(DateTimeOffset Start, double? GramsPerKwh);

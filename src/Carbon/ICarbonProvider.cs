using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;

namespace Tern.Carbon;

/// <summary>One source of grid carbon intensity. Every provider answers in g CO2e/kWh at its own time step;
/// aggregation into hours happens once, in <see cref="Aggregation.ProfileBuilder"/>.</summary>
internal interface ICarbonProvider
{
    /// <summary>Provider name for messages, for example "Electricity Maps".</summary>
    string Name { get; }

    /// <summary>The kind of signal every reading is.</summary>
    SignalType Signal { get; }

    /// <summary>Lifecycle or direct factors, when the provider says which.</summary>
    EmissionFactorType? EmissionFactor { get; }

    /// <summary>True when <see cref="GetForecastAsync"/> returns data.</summary>
    bool HasForecast { get; }

    /// <summary>Why the provider cannot serve this region (for example a national provider abroad), or null.</summary>
    string? Unsupported(ZoneRequest request);

    /// <summary>Requests with the same key fetch the same series, so it is fetched once per refresh
    /// (us-east-1 and us-east-2 both draw from US-MIDA-PJM).</summary>
    string FetchKey(ZoneRequest request);

    /// <summary>Readings whose period starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>The provider's forecast from now on; only called when <see cref="HasForecast"/>.</summary>
    Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct);
}

/// <summary>A region to fetch and the zone it was resolved to.</summary>
/// <param name="Region">The catalogue region (its coordinates serve providers that locate by position).</param>
/// <param name="Zone">The catalogue's default zone or the CarbonSource's override.</param>
/// <param name="Overridden">True when spec.zoneOverrides named the zone.</param>
internal sealed record ZoneRequest(Region Region, string Zone, bool Overridden);

/// <summary>What a provider returned for one zone.</summary>
/// <param name="Zone">The zone as the provider names it (it may differ from the request when located by coordinates).</param>
/// <param name="Readings">Readings in time order; a null value is a gap the provider reported.</param>
/// <param name="Notes">Things the user should know, for example that forecast values stood in for missing actuals.</param>
internal sealed record ZoneReadings(string Zone, IReadOnlyList<CarbonReading> Readings, IReadOnlyList<string> Notes);

/// <summary>One reading, already in g CO2e/kWh.</summary>
/// <param name="Time">Start of the period the reading covers, UTC.</param>
/// <param name="GramsPerKwh">The intensity, or null when the provider reported a gap.</param>
internal sealed record CarbonReading(DateTimeOffset Time, double? GramsPerKwh);

using Tern.Entities.CarbonSources;
using Tern.Carbon.Bundled;

namespace Tern.Carbon.Static;

/// <summary>The Static provider: a CSV from a ConfigMap, or the hourly history bundled with Tern (lifecycle
/// factors, average signal, from Electricity Maps' open data). It needs no account and never goes stale by itself.</summary>
internal sealed class StaticProvider : ICarbonProvider
{
    private readonly IReadOnlyDictionary<string, List<CarbonReading>>? _csv;
    private readonly CarbonHistory? _bundled;
    private readonly string _origin;

    private StaticProvider(IReadOnlyDictionary<string, List<CarbonReading>>? csv, CarbonHistory? bundled, string origin)
    {
        _csv = csv;
        _bundled = bundled;
        _origin = origin;
    }

    /// <summary>The bundled data (data/carbon).</summary>
    public static StaticProvider FromBundled(CarbonHistory history) => new(null, history, "the bundled data");

    /// <summary>A CSV's text, for example from a ConfigMap; <paramref name="origin"/> names it in messages.</summary>
    public static StaticProvider FromCsv(string text, string origin)
    {
        using var reader = new StringReader(text);
        return new StaticProvider(StaticCsv.Parse(reader, origin), null, origin);
    }

    public string Name => "Static";

    public SignalType Signal => SignalType.Average;

    public EmissionFactorType? EmissionFactor => _bundled is null ? null : EmissionFactorType.Lifecycle;

    public bool HasForecast => false;

    public string? Unsupported(ZoneRequest request) =>
        _bundled?.Find(request.Zone) is not null || (_csv?.ContainsKey(request.Zone) ?? false)
            ? null
            : $"no carbon data for zone {request.Zone} in {_origin}";

    public string FetchKey(ZoneRequest request) => request.Zone;

    /// <summary>End (exclusive) of the newest hour of the bundled data, which stops in the past; null for a ConfigMap,
    /// whose owner keeps it current.</summary>
    public DateTimeOffset? BundledDataEnd =>
        _bundled?.Zones.Select(z => _bundled.Find(z)!.End).Max() is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null;

    public Task<ZoneReadings> GetHistoryAsync(ZoneRequest request, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        IEnumerable<CarbonReading> readings = _bundled?.Find(request.Zone) is { } series
            ? series.Between(from.UtcDateTime, to.UtcDateTime).Select(p => new CarbonReading(new DateTimeOffset(p.Hour, TimeSpan.Zero), p.Value))
            : (_csv?.GetValueOrDefault(request.Zone) ?? []).Where(r => r.Time >= from && r.Time < to);
        return Task.FromResult(new ZoneReadings(request.Zone, [.. readings], []));
    }

    public Task<ZoneReadings> GetForecastAsync(ZoneRequest request, CancellationToken ct) =>
        throw new NotSupportedException("The Static provider has no forecast.");
}

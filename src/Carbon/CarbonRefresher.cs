using System.Globalization;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.Validation;
using Tern.Carbon.Aggregation;
using Tern.Carbon.Http;
using Tern.Carbon.Static;
using RegionCarbon = Tern.Entities.CarbonSources.RegionCarbon;
using Tern.Carbon.Bundled;

namespace Tern.Carbon;

/// <summary>Refreshes a CarbonSource: resolves each region's zone, fetches each zone once, aggregates it by the
/// forecast method and keeps the result in the <see cref="CarbonSnapshotStore"/>. A failed refresh keeps the last
/// good snapshot; a 401/403 stops the refresh at once instead of failing every zone in turn.</summary>
public sealed class CarbonRefresher
{
    private readonly CarbonSnapshotStore _store;
    private readonly TimeProvider _time;
    private readonly CarbonRefresherOptions _options;
    private readonly ProviderFactory _providers;

    public CarbonRefresher(HttpClient http, CarbonSnapshotStore store, TimeProvider time, CarbonRefresherOptions? options = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new CarbonRefresherOptions();
        var bundled = new Lazy<CarbonHistory>(() => _options.BundledCarbon ?? CarbonHistory.Load(CarbonHistory.BundledDirectory));
        _providers = new ProviderFactory(http, _options.Retry, time, () => bundled.Value, _options.ConfigMaps);
    }

    public async Task<CarbonRefreshResult> RefreshAsync(CarbonSource source, ISecretReader secrets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Metadata?.Name ?? "";
        var now = _time.GetUtcNow();
        var spec = source.Spec ?? new CarbonSourceSpec();
        var errors = new CarbonSourceValidator(_options.Catalogue).Validate(source);
        if (errors.Count > 0)
        {
            return Failed(name, now, TimeSpan.FromHours(1), "InvalidSpec", string.Join(" ", errors.Select(e => e.ToString())));
        }
        // The validator has checked both durations.
        var interval = Durations.TryParse(spec.RefreshInterval, out var refresh) ? refresh : TimeSpan.FromHours(1);
        var window = Durations.TryParse(spec.HistoryWindow, out var history) ? history : StaticCarbonSnapshot.DefaultWindow;
        try
        {
            var provider = await _providers.CreateAsync(spec, secrets, ct).ConfigureAwait(false);
            var refreshed = await FetchAllAsync(provider, spec, window, now, ct).ConfigureAwait(false);
            if (refreshed.Available == 0)
            {
                return Failed(name, now, interval, refreshed.FailureReason ?? "NoData",
                    refreshed.FailureMessage ?? $"{provider.Name} gave no usable data for any region: {string.Join("; ", refreshed.Snapshot.Regions.Select(r => $"{r.Region}: {r.UnavailableReason}").Take(5))}.",
                    refreshed.Rejected);
            }
            _store.RecordSuccess(name, refreshed.Snapshot, refreshed.Status, now);
            var partial = refreshed.FailureReason is not null;
            var message = $"{refreshed.Available} region(s) have carbon data from {provider.Name} ({provider.Signal} signal{(provider.EmissionFactor is { } f ? $", {f} factors" : "")})"
                + (partial ? $"; some zones failed: {refreshed.FailureMessage}" : ".");
            return new CarbonRefreshResult(refreshed.Snapshot, refreshed.Status, refreshed.Rejected, now,
                new CarbonRefreshOutcome(true, partial ? "PartiallyRefreshed" : "Refreshed", message, false, "The last refresh succeeded."), refreshed.Notes);
        }
        catch (CarbonProviderException e)
        {
            return Failed(name, now, interval, e.Failure.ToString(), e.Message);
        }
    }

    private async Task<Refreshed> FetchAllAsync(ICarbonProvider provider, CarbonSourceSpec spec, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        var notes = new List<string>();
        var to = HourlySeries.TruncateToHour(now);
        if (provider is StaticProvider { BundledDataEnd: { } end } && end < to)
        {
            // The bundled data stops in the past; planning on its last June is better than on nothing, and is said.
            to = end < StaticCarbonSnapshot.DefaultAt ? HourlySeries.TruncateToHour(end) : StaticCarbonSnapshot.DefaultAt;
            notes.Add($"the bundled data ends at {Format(end)}; the window before {Format(to)} is used");
        }
        var from = to - window;
        var method = spec.ForecastMethod;
        if (method == ForecastMethod.ProviderForecast && !provider.HasForecast)
        {
            notes.Add($"{provider.Name} has no forecast; the hour-of-day mean is used");
            method = ForecastMethod.HourOfDayMean;
        }
        var byKey = new Dictionary<string, (ZoneProfile? Profile, string? Error)>(StringComparer.Ordinal);
        var planning = new List<RegionCarbonProfile>();
        var status = new List<RegionCarbon>();
        CarbonProviderException? firstFailure = null;
        var rejected = 0L;
        foreach (var request in ZoneResolver.Resolve(_options.Catalogue, spec.ZoneOverrides, _options.Regions))
        {
            if (provider.Unsupported(request) is { } unsupported)
            {
                planning.Add(new RegionCarbonProfile(request.Region.Code, request.Zone, null, null, unsupported));
                continue;
            }
            var key = provider.FetchKey(request);
            if (!byKey.TryGetValue(key, out var fetched))
            {
                try
                {
                    var history = await provider.GetHistoryAsync(request, from, to, ct).ConfigureAwait(false);
                    var forecast = method == ForecastMethod.ProviderForecast ? await provider.GetForecastAsync(request, ct).ConfigureAwait(false) : null;
                    var profile = ProfileBuilder.Build(history, forecast, method, from, to);
                    fetched = (profile, null);
                    rejected += profile.Rejected;
                    notes.AddRange(profile.Notes);
                }
                catch (CarbonProviderException e) when (e.Failure != CarbonFailure.Unauthorized)
                {
                    firstFailure ??= e;
                    fetched = (null, e.Message);
                }
                byKey[key] = fetched;
            }
            var (region, zoneStatus) = ToRegion(request, fetched.Profile, fetched.Error, provider);
            planning.Add(region);
            status.Add(zoneStatus);
        }
        var snapshot = new CarbonSnapshot($"carbon: {provider.Name}, {Describe(method)} per UTC hour of the day from {Format(from)} to {Format(to)}", now, planning, _options.Catalogue);
        return new Refreshed(snapshot, status, planning.Count(r => r.IsAvailable), rejected, notes,
            firstFailure?.Failure.ToString(), firstFailure?.Message);
    }

    private static (RegionCarbonProfile, RegionCarbon) ToRegion(ZoneRequest request, ZoneProfile? profile, string? error, ICarbonProvider provider)
    {
        var zone = profile?.Zone ?? request.Zone;
        var reason = error ?? profile?.Reason;
        var planning = new RegionCarbonProfile(request.Region.Code, zone, profile?.HourOfDay, profile?.Mean, profile?.HourOfDay is null ? reason ?? "no data" : null);
        var status = new RegionCarbon
        {
            Region = request.Region.Code,
            Zone = zone,
            Signal = provider.Signal,
            EmissionFactorType = provider.EmissionFactor,
            LatestGramsPerKwh = profile?.Latest?.GramsPerKwh is { } latest ? Math.Round(latest, 2) : null,
            LatestTime = profile?.Latest?.Time,
            HourlyGramsPerKwh = profile?.HourOfDay is { } hours ? [.. hours.Select(h => Math.Round(h, 2))] : [],
            MeanGramsPerKwh = profile?.Mean is { } mean ? Math.Round(mean, 2) : null,
            Stale = profile?.HourOfDay is null,
        };
        return (planning, status);
    }

    private CarbonRefreshResult Failed(string name, DateTimeOffset now, TimeSpan interval, string reason, string message, long rejected = 0)
    {
        var entry = _store.RecordFailure(name, now);
        var stale = CarbonSnapshotStore.IsStale(entry, now, interval);
        var since = entry.LastSuccess is { } success ? $"since the last success at {Format(success)}" : $"since the first attempt at {Format(entry.FirstAttempt)}";
        var kept = entry.Snapshot is null ? " No snapshot exists yet." : $" Planning keeps the snapshot of {Format(entry.Snapshot.CreatedAt)}.";
        return new CarbonRefreshResult(entry.Snapshot, entry.Regions, rejected, entry.LastSuccess,
            new CarbonRefreshOutcome(entry.Snapshot is not null, reason, message + kept, stale,
                stale ? $"No refresh has succeeded {since} ({CarbonSnapshotStore.MissedIntervalsBeforeStale} refresh intervals of {Durations.Format(interval)})."
                      : $"Refreshes are failing {since}; stale after {CarbonSnapshotStore.MissedIntervalsBeforeStale} intervals."),
            []);
    }

    private static string Describe(ForecastMethod method) => method switch
    {
        ForecastMethod.HoltWinters => "Holt–Winters day-ahead forecast",
        ForecastMethod.ProviderForecast => "provider forecast",
        _ => "mean intensity",
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private sealed record Refreshed(CarbonSnapshot Snapshot, IReadOnlyList<RegionCarbon> Status, int Available, long Rejected, IReadOnlyList<string> Notes,
        string? FailureReason, string? FailureMessage);
}

/// <summary>What a <see cref="CarbonRefresher"/> works with besides the CarbonSource.</summary>
public sealed record CarbonRefresherOptions
{
    /// <summary>The regions and their default zones.</summary>
    public RegionCatalogue Catalogue { get; init; } = RegionCatalogue.Bundled;

    /// <summary>Only these regions are refreshed (for example those some workflow uses); null for the whole catalogue.</summary>
    public IReadOnlyCollection<string>? Regions { get; init; }

    /// <summary>Timeouts and retries of provider requests.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Reads the Static provider's ConfigMap; null where there is no cluster.</summary>
    public IConfigMapReader? ConfigMaps { get; init; }

    /// <summary>The bundled carbon history; null to load data/carbon beside the binary on first use.</summary>
    public CarbonHistory? BundledCarbon { get; init; }
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Entities.CarbonSources;
using Tern.Entities.Validation;
using Tern.Carbon.Aggregation;
using Tern.Carbon.Http;
using Tern.Carbon.Static;
using RegionCarbon = Tern.Entities.CarbonSources.RegionCarbon;
using Tern.Carbon.Bundled;

namespace Tern.Carbon;

/// <summary>Refreshes a CarbonSource: resolves each region's zone, fetches each zone once (a few at a time), aggregates
/// it by the forecast method and keeps the result in the <see cref="CarbonSnapshotStore"/>. The whole refresh has a
/// deadline, so a hanging provider cannot hold the worker; zones that answered in time are kept. A failed refresh keeps
/// the last good snapshot; a 401/403 stops the refresh at once instead of failing every zone in turn. Every message it
/// returns or logs has the refresh's secrets taken out.</summary>
public sealed class CarbonRefresher
{
    private readonly CarbonSnapshotStore _store;
    private readonly TimeProvider _time;
    private readonly CarbonRefresherOptions _options;
    private readonly ProviderFactory _providers;
    private readonly ILogger _logger;

    /// <param name="http">Sends provider requests; it must not follow redirects (<see cref="ProviderHttpClient.Create"/>).</param>
    public CarbonRefresher(HttpClient http, CarbonSnapshotStore store, TimeProvider time, CarbonRefresherOptions? options = null,
        ILogger? logger = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new CarbonRefresherOptions();
        _logger = logger ?? NullLogger.Instance;
        var bundled = new Lazy<CarbonHistory>(() => _options.BundledCarbon ?? CarbonHistory.Load(CarbonHistory.BundledDirectory));
        _providers = new ProviderFactory(http, _options, time, _logger, () => bundled.Value);
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
        var redactor = new Redactor();
        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var provider = await _providers.CreateAsync(spec, secrets, redactor, bounded.Token).ConfigureAwait(false);
            var fetch = new FetchContext(redactor, deadline.Token, bounded.Token);
            var refreshed = await FetchAllAsync(provider, spec, window, now, fetch).ConfigureAwait(false);
            if (refreshed.Available == 0)
            {
                var regions = string.Join("; ", refreshed.Snapshot.Regions.Select(r => $"{r.Region}: {r.UnavailableReason}").Take(5));
                return Failed(name, now, interval, refreshed.FailureReason ?? "NoData",
                    refreshed.FailureMessage ?? $"{provider.Name} gave no usable data for any region: {regions}.", refreshed.Rejected);
            }
            _store.RecordSuccess(name, refreshed.Snapshot, refreshed.Status, now);
            var partial = refreshed.FailureReason is not null;
            var factors = provider.EmissionFactor is { } f ? $", {f} factors" : "";
            var message = $"{refreshed.Available} region(s) have carbon data from {provider.Name} ({provider.Signal} signal{factors})"
                + (partial ? $"; some zones failed: {refreshed.FailureMessage}" : ".");
            var outcome = new CarbonRefreshOutcome(true, partial ? "PartiallyRefreshed" : "Refreshed", message, false, "The last refresh succeeded.");
            CarbonLog.Refreshed(_logger, name, outcome.Reason, outcome.Message);
            return new CarbonRefreshResult(refreshed.Snapshot, refreshed.Status, refreshed.Rejected, now, outcome, refreshed.Notes);
        }
        catch (CarbonProviderException e)
        {
            return Failed(name, now, interval, e.Failure.ToString(), redactor.Redact(e.Message));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Failed(name, now, interval, CarbonFailure.Timeout.ToString(),
                $"The refresh did not finish within its deadline of {Durations.Format(_options.RefreshTimeout)} "
                + "(reading the CarbonSource's Secret or ConfigMap took too long); the next refresh tries again.");
        }
    }

    private async Task<Refreshed> FetchAllAsync(ICarbonProvider provider, CarbonSourceSpec spec, TimeSpan window, DateTimeOffset now,
        FetchContext fetch)
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
        var requests = ZoneResolver.Resolve(_options.Catalogue, spec.ZoneOverrides, _options.Regions);
        var supported = requests.Where(r => provider.Unsupported(r) is null).DistinctBy(provider.FetchKey).ToList();
        var fetcher = new ZoneFetcher(provider, method, from, to, _options, fetch);
        var fetched = await fetcher.FetchAsync(supported).ConfigureAwait(false);
        var planning = new List<RegionCarbonProfile>();
        var status = new List<RegionCarbon>();
        ZoneFetch? firstFailure = null;
        var rejected = 0L;
        foreach (var request in requests)
        {
            if (provider.Unsupported(request) is { } unsupported)
            {
                planning.Add(new RegionCarbonProfile(request.Region.Code, request.Zone, null, null, unsupported));
                continue;
            }
            var zone = fetched[provider.FetchKey(request)];
            if (zone.Error is not null)
            {
                firstFailure ??= zone;
            }
            var (region, zoneStatus) = ToRegion(request, zone.Profile, zone.Error, provider);
            planning.Add(region);
            status.Add(zoneStatus);
        }
        // Each zone once, in the order the regions come, whichever finished first.
        foreach (var zone in supported.Select(r => fetched[provider.FetchKey(r)]).Where(z => z.Profile is not null))
        {
            rejected += zone.Profile!.Rejected;
            notes.AddRange(zone.Profile.Notes.Select(fetch.Redactor.Redact));
        }
        var description = $"carbon: {provider.Name}, {Describe(method)} per UTC hour of the day from {Format(from)} to {Format(to)}";
        var snapshot = new CarbonSnapshot(description, now, planning, _options.Catalogue);
        return new Refreshed(snapshot, status, planning.Count(r => r.IsAvailable), rejected, notes, firstFailure?.Failure?.ToString(),
            firstFailure?.Error);
    }

    private static (RegionCarbonProfile, RegionCarbon) ToRegion(ZoneRequest request, ZoneProfile? profile, string? error, ICarbonProvider provider)
    {
        var zone = profile?.Zone ?? request.Zone;
        var reason = error ?? profile?.Reason;
        var unavailable = profile?.HourOfDay is null ? reason ?? "no data" : null;
        var planning = new RegionCarbonProfile(request.Region.Code, zone, profile?.HourOfDay, profile?.Mean, unavailable);
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
        var since = entry.LastSuccess is { } success
            ? $"since the last success at {Format(success)}"
            : $"since the first attempt at {Format(entry.FirstAttempt)}";
        var kept = entry.Snapshot is null ? " No snapshot exists yet." : $" Planning keeps the snapshot of {Format(entry.Snapshot.CreatedAt)}.";
        var staleMessage = stale
            ? $"No refresh has succeeded {since} ({CarbonSnapshotStore.MissedIntervalsBeforeStale} refresh intervals of "
              + $"{Durations.Format(interval)})."
            : $"Refreshes are failing {since}; stale after {CarbonSnapshotStore.MissedIntervalsBeforeStale} intervals.";
        CarbonLog.RefreshFailed(_logger, name, reason, message);
        return new CarbonRefreshResult(entry.Snapshot, entry.Regions, rejected, entry.LastSuccess,
            new CarbonRefreshOutcome(entry.Snapshot is not null, reason, message + kept, stale, staleMessage), []);
    }

    private static string Describe(ForecastMethod method) => method switch
    {
        ForecastMethod.HoltWinters => "Holt–Winters day-ahead forecast",
        ForecastMethod.ProviderForecast => "provider forecast",
        _ => "mean intensity",
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private sealed record Refreshed(CarbonSnapshot Snapshot, IReadOnlyList<RegionCarbon> Status, int Available, long Rejected,
        IReadOnlyList<string> Notes, string? FailureReason, string? FailureMessage);
}

using System.Text.RegularExpressions;
using Tern.Carbon.Aggregation;
using Tern.Carbon.Http;
using Tern.Entities.CarbonSources;
using Tern.Entities.Validation;

namespace Tern.Carbon;

/// <summary>Fetches a refresh's distinct zones, at most <see cref="CarbonRefresherOptions.MaxConcurrentFetches"/> at a
/// time, and turns each into a profile or the reason it has none. A zone still unanswered when the refresh's deadline
/// passes fails as a timeout while the others keep their data; a 401/403 stops every fetch and fails the refresh.
/// The first zone goes alone, as a probe of the credentials.</summary>
internal sealed partial class ZoneFetcher(ICarbonProvider provider, ForecastMethod method, DateTimeOffset from, DateTimeOffset to,
    CarbonRefresherOptions options, FetchContext context)
{
    /// <summary>Each zone's result by <see cref="ICarbonProvider.FetchKey"/>.</summary>
    /// <exception cref="CarbonProviderException">A zone was refused as unauthorized.</exception>
    public async Task<IReadOnlyDictionary<string, ZoneFetch>> FetchAsync(IReadOnlyList<ZoneRequest> requests)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Refresh);
        using var slots = new SemaphoreSlim(options.MaxConcurrentFetches);
        if (requests.Count == 0)
        {
            return new Dictionary<string, ZoneFetch>();
        }
        // The first zone alone: a wrong token or password then costs one refused request, not a burst of them.
        var first = await FetchOneAsync(requests[0], slots, stop).ConfigureAwait(false);
        var rest = await Task.WhenAll(requests.Skip(1).Select(r => FetchOneAsync(r, slots, stop))).ConfigureAwait(false);
        return rest.Prepend(first).ToDictionary(f => f.Key, StringComparer.Ordinal);
    }

    private async Task<ZoneFetch> FetchOneAsync(ZoneRequest request, SemaphoreSlim slots, CancellationTokenSource stop)
    {
        var key = provider.FetchKey(request);
        try
        {
            await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            try
            {
                var history = AsRequested(await provider.GetHistoryAsync(request, from, to, stop.Token).ConfigureAwait(false), request);
                var forecast = method == ForecastMethod.ProviderForecast
                    ? AsRequested(await provider.GetForecastAsync(request, stop.Token).ConfigureAwait(false), request)
                    : null;
                return new ZoneFetch(key, ProfileBuilder.Build(history, forecast, method, from, to), null, null);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (CarbonProviderException e) when (e.Failure == CarbonFailure.Unauthorized)
        {
            // Every other zone would be refused the same way: stop them now rather than spend the rate limit.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        catch (CarbonProviderException e)
        {
            return new ZoneFetch(key, null, context.Redactor.Redact(e.Message), e.Failure);
        }
        catch (OperationCanceledException) when (context.Deadline.IsCancellationRequested)
        {
            var message = $"{provider.Name}: zone {request.Zone} had no complete answer when the refresh's deadline of "
                + $"{Durations.Format(options.RefreshTimeout)} passed; the provider is slow or hanging, and the next refresh tries again.";
            return new ZoneFetch(key, null, message, CarbonFailure.Timeout);
        }
    }

    /// <summary>The readings under the requested zone when the provider named its zone implausibly: the name reaches the
    /// status, and a server's text has no place there.</summary>
    private static ZoneReadings AsRequested(ZoneReadings readings, ZoneRequest request) =>
        ZoneName().IsMatch(readings.Zone) ? readings : readings with { Zone = request.Zone };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex ZoneName();
}

/// <summary>One zone's result: a profile, or the error that stopped it.</summary>
internal sealed record ZoneFetch(string Key, ZoneProfile? Profile, string? Error, CarbonFailure? Failure);

/// <summary>The refresh a fetch belongs to: its redactor, its deadline, and the token that ends at the deadline or when
/// the caller stops.</summary>
internal sealed record FetchContext(Redactor Redactor, CancellationToken Deadline, CancellationToken Refresh);

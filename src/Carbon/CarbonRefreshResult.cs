using Tern.Entities.CarbonSources;
using RegionCarbon = Tern.Entities.CarbonSources.RegionCarbon;
using Tern.Entities.Conditions;

namespace Tern.Carbon;

/// <summary>What one refresh of a CarbonSource gives its controller: the snapshot for the planner (the new one, or the
/// last good one when this refresh failed), the status entries and the conditions to write.</summary>
/// <param name="Snapshot">The snapshot to plan with, or null when no refresh has ever succeeded.</param>
/// <param name="Regions">status.regions.</param>
/// <param name="RejectedReadings">status.rejectedReadings: readings of this refresh rejected as implausible.</param>
/// <param name="LastRefreshTime">status.lastRefreshTime: the last successful refresh.</param>
/// <param name="Outcome">What the Ready and Stale conditions say.</param>
/// <param name="Notes">How values were made (interpolated hours, forecasts used for missing actuals, …).</param>
public sealed record CarbonRefreshResult(CarbonSnapshot? Snapshot, IReadOnlyList<RegionCarbon> Regions, long RejectedReadings,
    DateTimeOffset? LastRefreshTime, CarbonRefreshOutcome Outcome, IReadOnlyList<string> Notes)
{
    /// <summary>The Ready and Stale conditions, keeping each one's lastTransitionTime when its status did not change.</summary>
    public IReadOnlyList<Condition> Conditions(IReadOnlyList<Condition>? previous, long generation, DateTimeOffset now)
    {
        Condition Make(string type, bool status, string reason, string message)
        {
            var value = status ? ConditionStatus.True : ConditionStatus.False;
            var old = previous?.FirstOrDefault(c => c.Type == type);
            return new Condition
            {
                Type = type,
                Status = value,
                ObservedGeneration = generation,
                LastTransitionTime = old is not null && old.Status == value ? old.LastTransitionTime : now,
                Reason = reason,
                Message = message,
            };
        }
        return
        [
            Make(CarbonSourceConditionTypes.Ready, Outcome.Ready, Outcome.Reason, Outcome.Message),
            Make(CarbonSourceConditionTypes.Stale, Outcome.Stale, Outcome.Stale ? "RefreshesFailing" : "Fresh", Outcome.StaleMessage),
        ];
    }
}

/// <summary>The refresh's verdict for the conditions.</summary>
/// <param name="Ready">A usable snapshot exists (possibly an older one).</param>
/// <param name="Reason">CamelCase reason: Refreshed, PartiallyRefreshed, or the failure (Unauthorized, RateLimited, Timeout,
/// InvalidResponse, EndpointNotAllowed, SecretNotLabelled, NoData, InvalidSpec, …).</param>
/// <param name="Message">What happened and, on failure, what to do.</param>
/// <param name="Stale">No refresh has succeeded for three refresh intervals.</param>
/// <param name="StaleMessage">Since when refreshes have failed, or that the data is fresh.</param>
public sealed record CarbonRefreshOutcome(bool Ready, string Reason, string Message, bool Stale, string StaleMessage);

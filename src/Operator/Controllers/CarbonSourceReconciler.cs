using Tern.Entities.CarbonSources;
using Tern.Entities.Validation;
using Tern.Carbon;
using Tern.Operator.Runtime;

namespace Tern.Operator.Controllers;

/// <summary>The decisions about a CarbonSource: refresh through its provider on its interval (RequeueAfter,
/// not resync), keep the last good snapshot for the planner, write Ready/Stale and the per-region status,
/// and record an event when a refresh fails.</summary>
internal sealed class CarbonSourceReconciler(
    ControllerContext<CarbonSource, CarbonSourceStatus> context,
    CarbonRefresher refresher,
    CarbonSnapshotStore store,
    ISecretReader secrets) : IReconciler<CarbonSource>
{

    public async Task<ReconcileResult> ReconcileAsync(CarbonSource source, CancellationToken cancellationToken)
    {
        if (source.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }
        var result = await refresher.RefreshAsync(source, secrets, cancellationToken).ConfigureAwait(false);
        var now = context.Clock.GetUtcNow();
        await context.Status.UpdateAsync(source, current => (current.Status ?? new CarbonSourceStatus()) with
        {
            ObservedGeneration = current.Metadata.Generation ?? 0,
            Conditions = [.. result.Conditions(current.Status?.Conditions, current.Metadata.Generation ?? 0, ApiTime.ToSecond(now))],
            LastRefreshTime = result.LastRefreshTime is { } at ? ApiTime.ToSecond(at) : null,
            RejectedReadings = result.RejectedReadings,
            Regions = [.. result.Regions.OrderBy(r => r.Region, StringComparer.Ordinal)],
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Outcome.Ready || result.Outcome.Reason is not ("Refreshed" or "PartiallyRefreshed"))
        {
            await context.Events.RecordAsync(source, "Warning", result.Outcome.Reason, result.Outcome.Message,
                cancellationToken).ConfigureAwait(false);
        }
        // Validation guarantees the interval parses; an invalid spec is retried hourly in case a Secret appears.
        return ReconcileResult.After(Durations.TryParse(source.Spec.RefreshInterval, out var interval) ? interval : TimeSpan.FromHours(1));
    }

    public Task DeletedAsync(CarbonSource entity, CancellationToken cancellationToken)
    {
        store.Remove(entity.Metadata.Name);
        return Task.CompletedTask;
    }
}

/// <summary>The planner's view of the CarbonSource controller's snapshots.</summary>
internal sealed class StoredCarbonProfiles(CarbonSnapshotStore store) : ICarbonProfiles
{
    public CarbonProfileVersion? For(string carbonSource) =>
        store.Find(carbonSource) is { Snapshot: { } snapshot } entry ? new CarbonProfileVersion(snapshot,
            entry.LastSuccess ?? snapshot.CreatedAt) : null;
}

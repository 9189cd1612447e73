using Tern.Aws.Placement;

namespace Tern.Functions.Routing;

/// <summary>The workflow's placement record, read from DynamoDB and reused for a short time. The entry function reads
/// it afresh and consistently for every run, so a new placement applies from the next run on; later functions of the
/// run reuse a read younger than the cache duration.</summary>
internal sealed class PlacementCache(IPlacementStore store, string workflowNamespace, string workflow, TimeSpan duration, TimeProvider clock)
{
    private (PlacementRecord? Record, DateTimeOffset ReadAt)? _last;

    public async Task<PlacementRecord?> GetAsync(bool fresh, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _last is { } last && now - last.ReadAt < duration)
        {
            return last.Record;
        }
        var record = await store.GetAsync(workflowNamespace, workflow, consistent: fresh, ct).ConfigureAwait(false);
        _last = (record, now);
        return record;
    }
}

using System.Collections.Concurrent;
using Tern.Entities.CarbonSources;
using RegionCarbon = Tern.Entities.CarbonSources.RegionCarbon;

namespace Tern.Carbon;

/// <summary>The last good snapshot of each CarbonSource (by name) and when refreshes last succeeded, shared by the
/// controller's workers and the planner. Thread-safe: entries are immutable records swapped atomically.</summary>
public sealed class CarbonSnapshotStore
{
    /// <summary>Refreshes may fail this many intervals in a row before the source is Stale.</summary>
    public const int MissedIntervalsBeforeStale = 3;

    private readonly ConcurrentDictionary<string, CarbonStoreEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="source"/>, or null before its first refresh.</summary>
    public CarbonStoreEntry? Find(string source) => _entries.GetValueOrDefault(source);

    /// <summary>The snapshot the planner should use for <paramref name="source"/>, or null.</summary>
    public CarbonSnapshot? Snapshot(string source) => Find(source)?.Snapshot;

    /// <summary>Records a refresh that produced a snapshot.</summary>
    public CarbonStoreEntry RecordSuccess(string source, CarbonSnapshot snapshot, IReadOnlyList<RegionCarbon> regions, DateTimeOffset at) =>
        _entries.AddOrUpdate(source, _ => new CarbonStoreEntry(snapshot, regions, at, at, at),
            (_, old) => new CarbonStoreEntry(snapshot, regions, at, old.FirstAttempt, at));

    /// <summary>Records a failed refresh; the last good snapshot stays.</summary>
    public CarbonStoreEntry RecordFailure(string source, DateTimeOffset at) =>
        _entries.AddOrUpdate(source, _ => new CarbonStoreEntry(null, [], null, at, at), (_, old) => old with { LastAttempt = at });

    /// <summary>Forgets a deleted CarbonSource.</summary>
    public void Remove(string source) => _entries.TryRemove(source, out _);

    /// <summary>True when no refresh has succeeded for three intervals: since the last success, or, when there was
    /// none, since the first attempt.</summary>
    public static bool IsStale(CarbonStoreEntry? entry, DateTimeOffset now, TimeSpan refreshInterval) =>
        entry is not null && now - (entry.LastSuccess ?? entry.FirstAttempt) >= refreshInterval * MissedIntervalsBeforeStale;
}

/// <summary>A CarbonSource's last good snapshot.</summary>
/// <param name="Snapshot">The last good snapshot, or null when no refresh has succeeded.</param>
/// <param name="Regions">The status entries that go with it.</param>
/// <param name="LastSuccess">When a refresh last succeeded.</param>
/// <param name="FirstAttempt">When the first refresh was tried, the start of staleness before any success.</param>
/// <param name="LastAttempt">When a refresh was last tried.</param>
public sealed record CarbonStoreEntry(CarbonSnapshot? Snapshot, IReadOnlyList<RegionCarbon> Regions, DateTimeOffset? LastSuccess,
    DateTimeOffset FirstAttempt, DateTimeOffset LastAttempt);

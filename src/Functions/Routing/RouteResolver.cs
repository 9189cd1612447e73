using Tern.Aws.Placement;

namespace Tern.Functions.Routing;

/// <summary>Where a call to an instance goes, decided on every hop: the home copy when the run stays home or the
/// placement has expired; otherwise the copy the current time key names (home when it names none).</summary>
internal static class RouteResolver
{
    public static RouteChoice Resolve(PlacementRecord record, string instance, bool homeRun, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Home.TryGetValue(instance, out var home))
        {
            throw new WorkflowRoutingException($"The placement of {record.Namespace}/{record.Workflow} (version {record.Version}) has no " +
                $"home copy for {instance}; the operator writes one for every instance, so the record is damaged or from another spec.");
        }
        if (homeRun)
        {
            return new RouteChoice(home, home, RouteReason.HomeRun);
        }
        if (now >= record.ExpiresAt)
        {
            return new RouteChoice(home, home, RouteReason.Expired);
        }
        return PlacementRecord.TimeKeyAt(record.TimeKeys, now)?.Instances.TryGetValue(instance, out var planned) == true
            ? new RouteChoice(planned!, home, RouteReason.Planned)
            : new RouteChoice(home, home, RouteReason.NotPlanned);
    }
}

/// <summary>The copy to call and the home copy to fall back on when it is missing.</summary>
internal sealed record RouteChoice(PlacementTarget Target, PlacementTarget Home, RouteReason Reason);

/// <summary>Why a call goes where it goes.</summary>
internal enum RouteReason
{
    Planned,
    HomeRun,
    Expired,
    NotPlanned,
}

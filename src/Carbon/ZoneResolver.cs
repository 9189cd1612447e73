using Tern.Entities.Regions;

namespace Tern.Carbon;

/// <summary>Region → grid zone: the catalogue's default, replaced by the CarbonSource's spec.zoneOverrides.</summary>
internal static class ZoneResolver
{
    public static IReadOnlyList<ZoneRequest> Resolve(RegionCatalogue catalogue, IReadOnlyDictionary<string, string> overrides,
        IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return [.. catalogue.All
            .Where(r => only is null || only.Contains(r.Code))
            .Select(r => overrides.TryGetValue(r.Code, out var zone) ? new ZoneRequest(r, zone, true) : new ZoneRequest(r, r.DefaultZone, false))];
    }
}

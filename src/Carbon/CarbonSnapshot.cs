using Tern.Entities.Regions;

namespace Tern.Carbon;

/// <summary>What one refresh of a CarbonSource produced, as the planner reads it: per region 24 hour-of-day values and
/// a mean (or why there are none), and the great-circle distances between the regions.</summary>
public sealed class CarbonSnapshot : ICarbonProfile
{
    private readonly Dictionary<string, RegionCarbonProfile> _regions;
    private readonly Dictionary<(string, string), double> _distancesKm;

    public CarbonSnapshot(string description, DateTimeOffset createdAt, IEnumerable<RegionCarbonProfile> regions, RegionCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Description = description;
        CreatedAt = createdAt;
        _regions = regions.ToDictionary(r => r.Region, StringComparer.Ordinal);
        var located = _regions.Keys.Select(catalogue.Find).OfType<Region>().ToList();
        _distancesKm = [];
        foreach (var a in located)
        {
            foreach (var b in located)
            {
                _distancesKm[(a.Code, b.Code)] = a.Code == b.Code ? 0 : Haversine.DistanceKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
            }
        }
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>When the refresh that made this snapshot ran.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Every region, sorted by code.</summary>
    public IReadOnlyList<RegionCarbonProfile> Regions => [.. _regions.Values.OrderBy(r => r.Region, StringComparer.Ordinal)];

    /// <inheritdoc/>
    public RegionCarbonProfile? Find(string region) => _regions.GetValueOrDefault(region);

    /// <summary>Great-circle distance between two regions of the snapshot, km; null when either is unknown.</summary>
    public double? DistanceKm(string from, string to) => _distancesKm.TryGetValue((from, to), out var km) ? km : null;
}

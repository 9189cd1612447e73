using System.Globalization;
using Prometheus;
using Tern.Entities.Regions;

namespace Tern.Operator.Monitoring;

/// <summary>tern_region_info: where each AWS region is (data/regions.csv), so a dashboard can put the regions on a map
/// by joining on <c>region</c>. It never changes while the operator runs.</summary>
internal static class RegionMetrics
{
    public static void Register(CollectorRegistry registry, RegionCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var info = Metrics.WithCustomRegistry(registry)
            .CreateGauge("tern_region_info", "1 for every AWS region Tern knows, with its approximate location.", "region", "latitude", "longitude");
        foreach (var region in catalogue.All)
        {
            info.WithLabels(region.Code, Degrees(region.Latitude), Degrees(region.Longitude)).Set(1);
        }
    }

    private static string Degrees(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

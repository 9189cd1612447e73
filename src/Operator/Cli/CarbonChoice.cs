using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.Validation;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;

namespace Tern.Operator.Cli;

/// <summary>The carbon snapshot `tern plan` uses: the bundled data by default, or what a Static
/// CarbonSource manifest asks for (its zone overrides and history window). Other providers need the
/// network and a cluster, which the offline planner does not have.</summary>
internal static class CarbonChoice
{
    public static StaticCarbonSnapshot Resolve(string? carbon, DateTimeOffset? at, BundledDataSet data)
    {
        if (carbon is null || carbon.Equals("static", StringComparison.OrdinalIgnoreCase))
        {
            return StaticCarbonSnapshot.Create(data.Carbon, RegionCatalogue.Bundled, at);
        }
        var source = ManifestFiles.Read<CarbonSource>(ManifestFiles.RequireFile(carbon, "--carbon", "a Static CarbonSource manifest, or 'static' " +
            "for the bundled data"),
            "a Static CarbonSource manifest")[0];
        if (source.Spec.Provider != CarbonProvider.Static)
        {
            throw new InputException(
                $"--carbon {carbon}: provider {source.Spec.Provider} needs its API and credentials; `tern plan` works offline with the Static " +
                    $"provider. Use --carbon static, or a Static CarbonSource.");
        }
        if (source.Spec.Static?.ConfigMapRef is { } configMap)
        {
            throw new InputException(
                $"--carbon {carbon}: spec.static.configMapRef ({configMap.Name}/{configMap.Key}) is read from the cluster; remove it to plan with " +
                    $"the bundled data.");
        }
        // Validation above guarantees the window parses.
        TimeSpan? window = Durations.TryParse(source.Spec.HistoryWindow, out var parsed) ? parsed : null;
        return StaticCarbonSnapshot.Create(data.Carbon, RegionCatalogue.Bundled, at, window, source.Spec.ZoneOverrides);
    }
}

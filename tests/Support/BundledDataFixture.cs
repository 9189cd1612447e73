using Tern.Entities.Regions;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;

namespace Tern.Tests.Support;

/// <summary>The bundled data, read once from the copy the build puts beside the binaries (which also checks
/// that the Planning project copies data/ to the output of everything that uses it).</summary>
public static class BundledDataFixture
{
    private static readonly Lazy<BundledDataSet> Data = new(() => BundledDataSet.Load());
    private static readonly Lazy<StaticCarbonSnapshot> June2023 = new(() => StaticCarbonSnapshot.Create(Data.Value.Carbon, RegionCatalogue.Bundled));

    public static BundledDataSet Bundled => Data.Value;

    /// <summary>The default snapshot: the last week of June 2023.</summary>
    public static StaticCarbonSnapshot Snapshot => June2023.Value;
}

using Tern.Entities.Regions;
using Tern.Operator.Planning.BundledData;

namespace Tern.Operator.Tests.Planning;

/// <summary>The bundled data, read once from the copy the build puts beside the binaries (which also checks
/// that the Operator project copies data/ to its output).</summary>
internal static class BundledDataFixture
{
    private static readonly Lazy<BundledDataSet> Data = new(() => BundledDataSet.Load());
    private static readonly Lazy<StaticCarbonSnapshot> June2023 = new(() => StaticCarbonSnapshot.Create(Data.Value.Carbon, RegionCatalogue.Bundled));

    public static BundledDataSet Bundled => Data.Value;

    /// <summary>The default snapshot: the last week of June 2023.</summary>
    public static StaticCarbonSnapshot Snapshot => June2023.Value;
}

using Tern.Operator.Planning;
using Tern.Operator.Planning.BundledData;
using Tern.Entities.Regions;

namespace Tern.Operator.Controllers;

/// <summary>The carbon profile a workflow plans with, by CarbonSource name, with a version that changes
/// when the profile does (so a material change can trigger a re-plan).</summary>
internal interface ICarbonProfiles
{
    /// <summary>The profile of <paramref name="carbonSource"/>, or null when it has none yet.</summary>
    CarbonProfileVersion? For(string carbonSource);
}

/// <summary>A carbon profile as of one refresh.</summary>
internal sealed record CarbonProfileVersion(ICarbonProfile Profile, DateTimeOffset RefreshedAt);

/// <summary>The bundled static data for every CarbonSource name: the last week of June 2023 (the newest
/// complete bundled window), a fixed historical profile. Used when no CarbonSource controller feeds profiles.</summary>
internal sealed class BundledCarbonProfiles(BundledDataSet data) : ICarbonProfiles
{
    private readonly CarbonProfileVersion _profile = new(StaticCarbonSnapshot.Create(data.Carbon, RegionCatalogue.Bundled), StaticCarbonSnapshot.DefaultAt);

    public CarbonProfileVersion? For(string carbonSource) => _profile;
}

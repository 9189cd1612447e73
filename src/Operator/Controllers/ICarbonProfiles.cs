using Tern.Planning;
using Tern.Carbon;

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

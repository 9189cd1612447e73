namespace Tern.Solvers.Algorithms;

/// <summary>The whole workflow in one region: tries every region that every instance may use.</summary>
public static class CoarseGrained
{
    /// <summary>Offers every single-region placement to <paramref name="space"/>.</summary>
    public static SearchOutcome Search(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        for (var region = 0; region < space.Problem.Regions.Count; region++)
        {
            if (space.Uniform(region) is { } placement)
            {
                space.Offer(placement);
            }
        }
        return new SearchOutcome(ProvenOptimal: false, "best single region; functions were not placed separately");
    }
}

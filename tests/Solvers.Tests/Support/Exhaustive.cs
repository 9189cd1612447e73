using Tern.Solvers.Algorithms;

namespace Tern.Solvers.Tests.Support;

/// <summary>The test oracle: offers every placement of the space, so the space's best is the true optimum.</summary>
internal static class Exhaustive
{
    public static void Search(SearchSpace space)
    {
        var placement = new int[space.Allowed.Count];
        void Assign(int i)
        {
            if (i == placement.Length)
            {
                space.Offer(placement);
                return;
            }
            foreach (var region in space.Allowed[i])
            {
                placement[i] = region;
                Assign(i + 1);
            }
        }
        Assign(0);
    }
}

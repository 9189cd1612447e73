using Tern.Solvers.Model;

namespace Tern.Solvers.Tests.Model;

public class LatencyTableTests
{
    [Fact]
    public void A_table_shared_per_region_pair_reads_as_one_built_per_edge()
    {
        IReadOnlyList<double> Pair(int a, int b) => [0.3 + a, 0.1 * b, 0.2];
        var perEdge = LatencyTable.Build(3, 2, (_, a, b) => Pair(a, b));
        var shared = LatencyTable.PerRegionPair(3, 2, Pair);
        Assert.Equal(3, shared.EdgeCount);
        Assert.Equal(2, shared.RegionCount);
        for (var e = 0; e < 3; e++)
        {
            for (var a = 0; a < 2; a++)
            {
                for (var b = 0; b < 2; b++)
                {
                    Assert.Equal(perEdge.Samples(e, a, b), shared.Samples(e, a, b));
                    Assert.True(shared.Samples(e, a, b).SequenceEqual(shared.Samples(e, a, b).Order()), "samples are sorted");
                }
            }
        }
    }
}

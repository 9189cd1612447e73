using Tern.Footprint.Power;
using static Tern.Footprint.Tests.FootprintSupport;

namespace Tern.Footprint.Tests.Power;

public class CounterReaderTests
{
    [Fact]
    public void Increases_become_constant_power_and_a_reset_counts_from_zero()
    {
        var resets = 0;
        var segments = CounterReader.Increases([(At(10, 0), 5000), (At(10, 0, 30), 8000), (At(10, 1), 600), (At(10, 1, 30), 3600)],
            TimeSpan.FromMinutes(5), ref resets);
        Assert.Equal([100.0, 20.0, 100.0], segments.Select(s => s.FromWatts));
        Assert.Equal(1, resets);
    }

    [Fact]
    public void Samples_further_apart_than_the_bound_leave_a_gap()
    {
        var resets = 0;
        var segments = CounterReader.Increases([(At(10, 0), 0), (At(10, 10), 60_000), (At(10, 10, 30), 63_000)], TimeSpan.FromMinutes(5),
            ref resets);
        var segment = Assert.Single(segments);
        Assert.Equal(At(10, 10), segment.From);
    }
}

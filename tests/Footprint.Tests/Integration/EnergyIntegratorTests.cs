using Tern.Footprint.Integration;
using Tern.Footprint.Power;
using static Tern.Footprint.Tests.FootprintSupport;

namespace Tern.Footprint.Tests.Integration;

public class EnergyIntegratorTests
{
    [Fact]
    public void A_sample_pair_across_a_period_boundary_is_split_there_by_linear_interpolation()
    {
        // 100 W at 11:59:40 to 400 W at 12:00:10: 300 W at 12:00:00.
        var segment = new PowerSegment(At(11, 59, 40), At(12, 0, 10), 100, 400);
        var periods = EnergyIntegrator.Integrate([segment], At(11, 59, 40), At(12, 0, 10));
        Assert.Equal([24, 25], periods.Select(p => p.Period.Number));
        Assert.Equal((100 + 300) / 2.0 * 20, periods[0].Joules, 9);
        Assert.Equal((300 + 400) / 2.0 * 10, periods[1].Joules, 9);
        Assert.Equal([20.0, 10.0], periods.Select(p => p.CoveredSeconds));
    }

    [Fact]
    public void Segments_are_clipped_to_the_job_and_uncovered_time_stays_uncovered()
    {
        // Samples from 09:59:30 to 10:00:30 at 0 W then 60 W; the job runs 10:00:00 to 10:05:00.
        var segment = new PowerSegment(At(9, 59, 30), At(10, 0, 30), 0, 60);
        var period = Assert.Single(EnergyIntegrator.Integrate([segment], At(10, 0), At(10, 5)));
        Assert.Equal((30 + 60) / 2.0 * 30, period.Joules, 9);
        Assert.Equal(30, period.CoveredSeconds, 9);
        Assert.Equal(300, period.ExpectedSeconds, 9);
        Assert.Equal(21, period.Period.Number);
    }

    [Fact]
    public void Overlapping_series_add_energy_but_cover_time_once()
    {
        var a = new PowerSegment(At(10, 0), At(10, 1), 10, 10);
        var b = new PowerSegment(At(10, 0), At(10, 1), 5, 5);
        var period = Assert.Single(EnergyIntegrator.Integrate([a, b], At(10, 0), At(10, 1)));
        Assert.Equal(15 * 60, period.Joules, 9);
        Assert.Equal(60, period.CoveredSeconds, 9);
    }

    [Fact]
    public void Periods_are_numbered_1_to_48_across_midnight()
    {
        var segment = new PowerSegment(At(23, 50), At(24, 10), 36, 36);
        var periods = EnergyIntegrator.Integrate([segment], At(23, 50), At(24, 10));
        Assert.Equal([48, 1], periods.Select(p => p.Period.Number));
        Assert.Equal([36 * 600.0, 36 * 600.0], periods.Select(p => p.Joules));
    }
}

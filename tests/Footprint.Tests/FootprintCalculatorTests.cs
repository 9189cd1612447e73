using Tern.Footprint.Power;
using Tern.Tests.Support;
using static Tern.Footprint.Tests.FootprintSupport;

namespace Tern.Footprint.Tests;

/// <summary>The whole method against a real VictoriaMetrics: samples imported through its API, read back with
/// query_range, integrated and charged, and compared with energies worked out by hand.</summary>
public class FootprintCalculatorTests(LoopbackVictoriaMetrics store) : IClassFixture<LoopbackVictoriaMetrics>
{
    private const string Watts = "last_over_time(node_power_watts{node=\"{{node}}\"}[30s])";

    private async Task<FootprintResult> RunAsync(string template, bool kepler, params Jobs.BatchJob[] jobs)
    {
        var client = new QueryRangeClient(store.Http, store.BaseUri);
        var parsed = PowerQueryTemplate.Parse(template, out _)!;
        IPowerReader reader = kepler ? new CounterReader(client, parsed) : new WattsReader(client, parsed);
        return await new FootprintCalculator(reader).CalculateAsync(jobs, Hourly(At(9, 0), 300, 200, 100, 50), CancellationToken.None);
    }

    [Fact]
    public async Task A_job_across_a_period_boundary_is_split_there_and_charged_per_period()
    {
        // 300 W for 1800 s, 150 W until 3089 s, then 300 W, from 11:40 to 12:40: across the period boundaries at 12:00 and 12:30.
        await store.ImportAsync(Samples("node_power_watts{node=\"b1\"}", At(11, 40), At(12, 40), t => t < 1800 || t >= 3089 ? 300 : 150));
        var result = await RunAsync(Watts, kepler: false, Job("101", At(11, 40), At(12, 40), "b1"));
        var job = Assert.Single(result.Jobs);
        Assert.Equal(JobStatus.Complete, job.Status);
        Assert.Equal([24, 25, 26], job.Periods.Select(p => p.Period.Number));
        // Period 24 (to 12:00, 1200 s): 300 W, 100 Wh. Period 25 (to 12:30, 3000 s): 300 W for 570 s, the 30 s ramp to 150 W
        // (6750 J), 150 W for 1200 s: 357 750 J. Period 26 (to 12:40): 150 W for 60 s, the ramp back (6750 J), 300 W for 510 s:
        // 168 750 J.
        Assert.Equal(100, job.Periods[0].EnergyWh, 6);
        Assert.Equal(357_750 / 3600.0, job.Periods[1].EnergyWh, 6);
        Assert.Equal(168_750 / 3600.0, job.Periods[2].EnergyWh, 6);
        // 11:xx is charged at 100 g/kWh, 12:xx at 50 g/kWh.
        Assert.Equal(10, job.Periods[0].Grams!.Value, 6);
        Assert.Equal(357_750 / 3600.0 / 1000 * 50, job.Periods[1].Grams!.Value, 6);
        Assert.Equal(886_500 / 3600.0, job.EnergyWh, 6);
        Assert.Equal(1, job.Coverage, 9);
    }

    [Fact]
    public async Task A_two_node_job_adds_up_its_nodes()
    {
        await store.ImportAsync(Samples("node_power_watts{node=\"t01\"}", At(10, 0), At(11, 0), _ => 200)
            .Concat(Samples("node_power_watts{node=\"t02\"}", At(10, 0), At(11, 0), _ => 100)));
        var result = await RunAsync(Watts, kepler: false, Job("102", At(10, 0), At(11, 0), "t01", "t02"));
        var job = Assert.Single(result.Jobs);
        Assert.Equal([150.0, 150.0], job.Periods.Select(p => Math.Round(p.EnergyWh, 6)));
        // 0.3 kWh in the 10:00 hour, charged at 200 g/kWh.
        Assert.Equal(0.3 * 200, job.Grams, 6);
    }

    [Fact]
    public async Task A_gap_longer_than_the_bound_is_partial_coverage_not_zero_power()
    {
        // 240 W, no samples between 10:10 and 10:25: 900 of the job's 1800 s are measured.
        await store.ImportAsync(Samples("node_power_watts{node=\"g1\"}", At(10, 0), At(10, 30), t => t is > 600 and < 1500 ? null : 240));
        var result = await RunAsync(Watts, kepler: false, Job("103", At(10, 0), At(10, 30), "g1"));
        var job = Assert.Single(result.Jobs);
        Assert.Equal(JobStatus.Partial, job.Status);
        Assert.Equal(0.5, job.Coverage, 9);
        Assert.Equal(240 * 900 / 3600.0, job.EnergyWh, 6);
        Assert.Contains("cover 50.0 %", job.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_without_power_data_is_unknown_with_the_reason()
    {
        var result = await RunAsync(Watts, kepler: false, Job("104", At(10, 0), At(10, 30), "nowhere1"));
        var job = Assert.Single(result.Jobs);
        Assert.Equal(JobStatus.Unknown, job.Status);
        Assert.Contains("no power samples for nowhere1", job.Reason, StringComparison.Ordinal);
        Assert.Empty(job.Periods);
        Assert.Single(result.Unknown);
    }

    [Fact]
    public async Task A_kepler_counter_reset_counts_the_energy_after_the_reset_from_zero()
    {
        // 100 W is 3000 J per 30 s; the exporter restarts between 10:14:30 and 10:15:00 and reports 1500 J at 10:15.
        await store.ImportAsync(Samples("kepler_node_platform_joules_total{instance=\"k1\"}", At(10, 0), At(10, 30),
            t => t < 900 ? 1_000_000 + 100.0 * t : 1500 + 100.0 * (t - 900)));
        var result = await RunAsync(PowerQueryTemplate.KeplerDefault, kepler: true, Job("105", At(10, 0), At(10, 30), "k1"));
        var job = Assert.Single(result.Jobs);
        // 59 intervals of 3000 J and the reset interval's 1500 J: 178 500 J.
        Assert.Equal(178_500 / 3600.0, job.EnergyWh, 6);
        Assert.Equal(JobStatus.Complete, job.Status);
        Assert.Contains(job.Notes, n => n.Contains("reset 1 time", StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.Time.Testing;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Plans;
using Tern.Solvers.Synthetic;

namespace Tern.Solvers.Tests.Evaluation;

/// <summary>A time key longer than an hour is judged by the mean intensity of its hours (Caribou used its first hour).</summary>
public class KeyCarbonTests
{
    [Fact]
    public void A_key_takes_the_mean_of_its_hours_not_its_first()
    {
        var problem = SyntheticProblems.Create(51, 3, 2);
        var region = problem.Regions[1] with { HourlyGramsPerKwh = [.. Enumerable.Range(0, 24).Select(h => 100.0 + 10 * h)] };
        var hourly = problem with { Regions = [problem.Regions[0], region] };
        // Hours 8, 9, 10 and 11: 180, 190, 200 and 210.
        Assert.Equal(195, KeyCarbon.For(hourly, 8, 4)[1], 12);
        Assert.Equal(180, KeyCarbon.For(hourly, 8, 1)[1], 12);
        // Twelve hours from 12:00: 220 to 330.
        Assert.Equal(275, KeyCarbon.For(hourly, 12, 12)[1], 12);
    }

    [Fact]
    public void The_home_carbon_of_a_four_hour_key_is_the_mean_of_its_hourly_keys()
    {
        // Carbon is affine in the intensities, so the key's figure must be the mean of its hours' figures exactly.
        var problem = SyntheticProblems.Create(52, 6, 3);
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new PlannerOptions { Algorithm = AlgorithmChoice.CoarseGrained, Evaluation = new() { MaxSamples = 512 } };
        var hourly = Planner.Plan(problem, options with { TimeKeysPerDay = 24 }, clock);
        var fourHourly = Planner.Plan(problem, options with { TimeKeysPerDay = 6 }, clock);
        foreach (var key in fourHourly.TimeKeys)
        {
            var hours = hourly.TimeKeys.Where(k => k.StartHour >= key.StartHour && k.StartHour < key.StartHour + 4).ToList();
            Assert.Equal(4, hours.Count);
            Assert.Equal(hours.Average(k => k.Home.CarbonGrams), key.Home.CarbonGrams, 1e-12 * key.Home.CarbonGrams);
            Assert.NotEqual(hours[0].Home.CarbonGrams, key.Home.CarbonGrams, 1e-6 * key.Home.CarbonGrams);
        }
    }
}

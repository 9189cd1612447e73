using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Carbon;
using Tern.Carbon.Aggregation;

namespace Tern.Carbon.Tests.Aggregation;

public class AggregationTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Half_hours_before_midnight_stay_in_their_own_day_in_UTC()
    {
        var from = Day.AddHours(22);
        CarbonReading[] readings =
        [
            new(Day.AddHours(23), 100), new(Day.AddHours(23.5), 200),
            new(Day.AddHours(24), 300), new(Day.AddHours(24.5), 500),
            // The same instant written with an offset still lands in 00:00 UTC.
            new(new DateTimeOffset(2024, 3, 2, 1, 15, 0, TimeSpan.FromHours(1)), 400),
        ];
        var series = HourlySeries.Build(readings, from, from.AddHours(3));

        Assert.Equal([null, 150, 400], series.Values);
        Assert.Equal(Day.AddHours(24.5), series.Latest!.Time);
    }

    [Fact]
    public void Implausible_values_are_rejected_and_counted_and_nulls_are_gaps()
    {
        CarbonReading[] readings = [new(Day, -1), new(Day, double.NaN), new(Day, 2000.5), new(Day, double.PositiveInfinity), new(Day, null),
            new(Day, 2000)];
        var series = HourlySeries.Build(readings, Day, Day.AddHours(1));

        Assert.Equal(4, series.Rejected);
        Assert.Equal([2000.0], series.Values);
    }

    [Fact]
    public void A_3_hour_gap_is_interpolated_linearly_and_a_4_hour_gap_is_not()
    {
        var filled = GapFiller.Fill([10, null, null, null, 50], out var none);
        Assert.Equal([10.0, 20, 30, 40, 50], filled!);
        Assert.Null(none);

        Assert.Null(GapFiller.Fill([10, null, null, null, null, 60], out var gap));
        Assert.Equal(new Gap(1, 4), gap);
    }

    [Fact]
    public void Missing_hours_at_the_ends_take_the_nearest_reading()
    {
        Assert.Equal([7.0, 7, 9, 9], GapFiller.Fill([null, 7, 9, null], out _)!);
    }

    [Fact]
    public void Holt_Winters_matches_the_hand_checked_series()
    {
        // Season 2, α = γ = 0.5, y = 1 3 2 4 3 5: ℓ0 = 2, s = (−1, 1); the one-step errors are 1, 0.5, 1, 0.625
        // and the final state ℓ = 3.5625, s = (−0.5, 1.28125), worked by hand.
        var (sse, forecast) = HoltWinters.Run([1, 3, 2, 4, 3, 5], 2, 0.5, 0.5, 3);

        Assert.Equal(2.640625, sse, 9);
        Assert.Equal([3.0625, 4.84375, 3.0625], forecast);
    }

    [Fact]
    public void Holt_Winters_repeats_an_exact_daily_pattern_by_UTC_hour()
    {
        var start = Day.AddHours(5);
        double[] pattern = [.. Enumerable.Range(0, 24).Select(h => 200 + (50 * Math.Sin(h * Math.PI / 12)))];
        var readings = Enumerable.Range(0, 24 * 7).Select(i => new CarbonReading(start.AddHours(i), pattern[start.AddHours(i).Hour])).ToList();

        var profile = ProfileBuilder.Build(new ZoneReadings("DE", readings, []), null, ForecastMethod.HoltWinters, start, start.AddDays(7));

        Assert.False(profile.Stale);
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(pattern[h], profile.HourOfDay![h], 6);
        }
        Assert.Equal(200, profile.Mean!.Value, 6);
    }

    [Fact]
    public void The_provider_forecast_fills_the_hours_it_covers_and_history_the_rest()
    {
        var history = Enumerable.Range(0, 48).Select(i => new CarbonReading(Day.AddHours(i), 100)).ToList();
        var forecast = Enumerable.Range(0, 12).Select(i => new CarbonReading(Day.AddHours(48 + i), 40)).ToList();

        var profile = ProfileBuilder.Build(new ZoneReadings("FR", history, []), new ZoneReadings("FR", forecast, []),
            ForecastMethod.ProviderForecast, Day, Day.AddHours(48));

        Assert.Equal([.. Enumerable.Repeat(40.0, 12), .. Enumerable.Repeat(100.0, 12)], profile.HourOfDay);
        Assert.Contains(profile.Notes, n => n.Contains("covers 12 hours of the day", StringComparison.Ordinal));
    }

    [Fact]
    public void Haversine_gives_great_circle_distances_between_snapshot_regions()
    {
        Assert.Equal(111.195, Haversine.DistanceKm(0, 0, 0, 1), 3);
        var snapshot = new CarbonSnapshot("test", Day,
            [new("us-east-1", "US-MIDA-PJM", null, null, "none"), new("eu-west-2", "GB", null, null, "none")], RegionCatalogue.Bundled);

        Assert.InRange(snapshot.DistanceKm("us-east-1", "eu-west-2")!.Value, 5800, 6000);
        Assert.Equal(snapshot.DistanceKm("us-east-1", "eu-west-2"), snapshot.DistanceKm("eu-west-2", "us-east-1"));
        Assert.Equal(0, snapshot.DistanceKm("us-east-1", "us-east-1"));
        Assert.Null(snapshot.DistanceKm("us-east-1", "ap-south-1"));
    }
}

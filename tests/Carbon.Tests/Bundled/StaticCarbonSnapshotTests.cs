using Tern.Entities.Regions;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.Bundled;

public class StaticCarbonSnapshotTests
{
    private static readonly DateTime Start = new(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CarbonHistory Synthetic(int hours, Func<int, double> value) =>
        new([new ZoneSeries("GB", [.. Enumerable.Range(0, hours).Select(h => Start.AddHours(h))], [.. Enumerable.Range(0, hours).Select(value)],
            [])]);

    [Fact]
    public void The_default_snapshot_is_the_last_week_of_June_2023()
    {
        var snapshot = BundledDataFixture.Snapshot;
        Assert.Equal(new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero), snapshot.At);
        Assert.Equal(new DateTimeOffset(2023, 6, 24, 0, 0, 0, TimeSpan.Zero), snapshot.From);
        Assert.Equal(RegionCatalogue.Bundled.All.Count, snapshot.Regions.Count);
    }

    [Fact]
    public void GB_hour_of_day_means_in_June_2023_are_plausible()
    {
        var london = BundledDataFixture.Snapshot.Find("eu-west-2")!;
        Assert.True(london.IsAvailable, london.UnavailableReason);
        Assert.Equal("GB", london.Zone);
        Assert.Equal(24, london.HourOfDayMeans!.Count);
        Assert.All(london.HourOfDayMeans, v => Assert.InRange(v, 0, 2000));
        // coverage.csv gives a June 2023 mean of 213.7 g/kWh; one week of it should be in the same range.
        Assert.InRange(london.Mean!.Value, 100, 350);
        Assert.Equal(london.Mean.Value, london.HourOfDayMeans.Average(), 6);
    }

    [Fact]
    public void Us_east_1_draws_from_PJM_which_has_data()
    {
        var virginia = BundledDataFixture.Snapshot.Find("us-east-1")!;
        Assert.Equal("US-MIDA-PJM", virginia.Zone);
        Assert.True(virginia.IsAvailable, virginia.UnavailableReason);
        Assert.InRange(virginia.Mean!.Value, 300, 500);
    }

    [Fact]
    public void A_region_whose_zone_has_no_file_is_unavailable_with_the_reason()
    {
        var milan = BundledDataFixture.Snapshot.Find("eu-south-1")!;
        Assert.False(milan.IsAvailable);
        Assert.Null(milan.Mean);
        Assert.Equal("no carbon data for zone IT-NO", milan.UnavailableReason);
    }

    [Fact]
    public void A_zone_without_data_in_the_window_is_unavailable_with_the_window()
    {
        var dublin = BundledDataFixture.Snapshot.Find("eu-west-1")!;
        Assert.Equal("no data for zone IE between 2023-06-24T00:00Z and 2023-07-01T00:00Z", dublin.UnavailableReason);
    }

    [Fact]
    public void An_earlier_instant_uses_the_2022_files()
    {
        var snapshot = StaticCarbonSnapshot.Create(BundledDataFixture.Bundled.Carbon, RegionCatalogue.Bundled,
            new DateTimeOffset(2022, 7, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(snapshot.Find("eu-west-1")!.IsAvailable);
        Assert.True(snapshot.Find("eu-north-1")!.IsAvailable);
        Assert.False(snapshot.Find("us-west-2")!.IsAvailable);
    }

    [Fact]
    public void Zone_overrides_replace_the_catalogue_zone()
    {
        var overrides = new Dictionary<string, string> { ["us-west-2"] = "US-NW-PACW" };
        var snapshot = StaticCarbonSnapshot.Create(BundledDataFixture.Bundled.Carbon, RegionCatalogue.Bundled, zoneOverrides: overrides);
        var oregon = snapshot.Find("us-west-2")!;
        Assert.Equal("US-NW-PACW", oregon.Zone);
        Assert.NotEqual(BundledDataFixture.Snapshot.Find("us-west-2")!.Mean, oregon.Mean);
    }

    [Fact]
    public void Means_are_per_hour_of_day_over_the_window_and_exclude_the_instant_itself()
    {
        // Two days of data, value = hours since the start; the window is both days, and the hour at `at` is not in it.
        var history = Synthetic(49, h => h);
        var snapshot = StaticCarbonSnapshot.Create(history, RegionCatalogue.Bundled, new DateTimeOffset(Start.AddDays(2)), TimeSpan.FromDays(2));
        var london = snapshot.Find("eu-west-2")!;
        Assert.Equal([.. Enumerable.Range(0, 24).Select(h => h + 12.0)], london.HourOfDayMeans);
        Assert.Equal(23.5, london.Mean);
    }

    [Fact]
    public void Fewer_than_24_hours_in_the_window_make_a_region_unavailable()
    {
        var history = Synthetic(23, _ => 100);
        var snapshot = StaticCarbonSnapshot.Create(history, RegionCatalogue.Bundled, new DateTimeOffset(Start.AddDays(1)), TimeSpan.FromDays(1));
        Assert.Equal("no data for zone GB between 2023-06-01T00:00Z and 2023-06-02T00:00Z (only 23 hours; 24 are needed)",
            snapshot.Find("eu-west-2")!.UnavailableReason);
    }

    [Fact]
    public void An_hour_of_the_day_never_seen_makes_a_region_unavailable()
    {
        var history = new CarbonHistory([new ZoneSeries("GB",
            [.. Enumerable.Range(0, 48).Where(h => h % 24 != 5).Select(h => Start.AddHours(h))], [.. Enumerable.Repeat(100.0, 46)], [])]);
        var snapshot = StaticCarbonSnapshot.Create(history, RegionCatalogue.Bundled, new DateTimeOffset(Start.AddDays(2)));
        Assert.Equal("no data for zone GB at 05:00 UTC between 2023-05-27T00:00Z and 2023-06-03T00:00Z",
            snapshot.Find("eu-west-2")!.UnavailableReason);
    }

    [Fact]
    public void A_window_shorter_than_a_day_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StaticCarbonSnapshot.Create(Synthetic(24, _ => 1), RegionCatalogue.Bundled,
            window: TimeSpan.FromHours(23)));
    }
}

using Tern.Solvers.Time;

namespace Tern.Solvers.Tests.Time;

public class TimeKeysTests
{
    [Theory]
    [InlineData(24, "2023-06-01T23:59:59Z", 23)]
    [InlineData(24, "2023-06-01T00:00:00Z", 0)]
    [InlineData(6, "2023-06-01T23:00:00Z", 5)]
    [InlineData(6, "2023-06-01T03:59:00Z", 0)]
    [InlineData(6, "2023-06-01T04:00:00Z", 1)]
    [InlineData(1, "2023-06-01T17:00:00Z", 0)]
    public void KeyOf_puts_a_time_in_the_period_that_contains_its_utc_hour(int perDay, string time, int expectedKey) =>
        Assert.Equal(expectedKey, TimeKeys.Create(perDay).KeyOf(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void KeyOf_reads_the_time_in_utc_whatever_its_offset()
    {
        var keys = TimeKeys.Create(24);
        Assert.Equal(22, keys.KeyOf(new DateTimeOffset(2023, 6, 1, 0, 30, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Keys_order_as_numbers_so_ten_comes_after_two()
    {
        var keys = TimeKeys.Create(24);
        var ordered = keys.All.Select(k => keys.StartHour(k)).ToList();
        Assert.Equal(Enumerable.Range(0, 24).ToList(), ordered);
        Assert.True(keys.KeyOf(new DateTimeOffset(2023, 6, 1, 10, 0, 0, TimeSpan.Zero)) > keys.KeyOf(new DateTimeOffset(2023, 6, 1, 2, 0, 0,
            TimeSpan.Zero)));
    }

    [Fact]
    public void Start_hours_of_eight_keys_are_three_hours_apart()
    {
        var keys = TimeKeys.Create(8);
        Assert.Equal([0, 3, 6, 9, 12, 15, 18, 21], keys.All.Select(keys.StartHour));
        Assert.Equal(3, keys.HoursPerKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(48)]
    [InlineData(-1)]
    public void A_count_that_does_not_split_the_day_into_whole_hours_is_refused_with_the_allowed_counts(int perDay)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TimeKeys.Create(perDay));
        Assert.Contains("1, 2, 3, 4, 6, 8, 12, 24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_hour_of_a_key_outside_the_day_is_refused()
    {
        var keys = TimeKeys.Create(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.StartHour(4));
    }
}

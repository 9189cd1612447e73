using Tern.Aws.Placement;

namespace Tern.Aws.Tests.Placement;

/// <summary>Which time key of a placement applies: numeric comparison of the UTC hour, the day wrapping.</summary>
public sealed class TimeKeyTests
{
    private static TimeKeyPlacement Key(int hour) => new(hour, new Dictionary<string, PlacementTarget>());

    private static DateTimeOffset At(int hour) => new(2026, 11, 30, hour, 30, 0, TimeSpan.Zero);

    [Theory]
    // Compared as text, "3" > "20", so hour 20 would fall back to key 0.
    [InlineData(new[] { 0, 3 }, 20, 3)]
    // Compared as text, "10" < "9", so hour 9 would pick key 10, which has not started.
    [InlineData(new[] { 0, 10, 20 }, 9, 0)]
    [InlineData(new[] { 0, 4, 8, 12, 16, 20 }, 20, 20)]
    [InlineData(new[] { 0, 4, 8, 12, 16, 20 }, 19, 16)]
    [InlineData(new[] { 6, 18 }, 2, 18)]
    [InlineData(new[] { 18, 6 }, 7, 6)]
    public void The_key_is_the_latest_start_hour_at_or_before_the_UTC_hour_compared_as_numbers(int[] hours, int hour, int expected)
    {
        var key = PlacementRecord.TimeKeyAt([.. hours.Select(Key)], At(hour));

        Assert.Equal(expected, key!.StartHourUtc);
    }

    [Fact]
    public void The_hour_is_taken_in_UTC_whatever_the_offset_of_the_instant()
    {
        var key = PlacementRecord.TimeKeyAt([Key(0), Key(20)], new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(20, key!.StartHourUtc);
    }

    [Fact]
    public void No_keys_give_no_key()
    {
        Assert.Null(PlacementRecord.TimeKeyAt([], At(5)));
    }
}


using Tern.Entities.Validation;

namespace Tern.Entities.Tests.Validation;

public class DurationsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("15m", 900)]
    [InlineData("6h", 21600)]
    [InlineData("7d", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d12h", 129600)]
    public void Parses_number_and_unit_parts(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("5")]
    [InlineData("1.5h")]
    [InlineData("-1h")]
    [InlineData("1w")]
    [InlineData("h")]
    [InlineData("0s")]
    [InlineData("99999999999999999999h")]
    public void Refuses_what_is_not_a_positive_duration(string? text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(86400 + 3600, "1d1h")]
    [InlineData(60, "1m")]
    public void Formats_largest_units_first(int seconds, string expected) => Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
}

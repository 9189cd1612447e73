using Tern.Sandbox.Tables;

namespace Tern.Sandbox.Tests.Tables;

public class AgeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(3 * 365 * 86400 + 5 * 86400, "3y5d")]
    public void Ages_lose_precision_as_they_grow_like_kubectls(int seconds, string expected) =>
        Assert.Equal(expected, Age.Of(TimeSpan.FromSeconds(seconds)));
}

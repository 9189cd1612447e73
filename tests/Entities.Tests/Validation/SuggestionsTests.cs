using Tern.Entities.Validation;

namespace Tern.Entities.Tests.Validation;

public class SuggestionsTests
{
    [Theory]
    [InlineData("us-east1", "us-east-1")]
    [InlineData("memory", "memoryMiB")]
    [InlineData("arm", "arm64")]
    [InlineData("Timeoutseconds", "timeoutSeconds")]
    public void Suggests_the_name_a_typo_was_meant_to_be(string typo, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(typo, ["us-east-1", "memoryMiB", "arm64", "timeoutSeconds", "x86_64"]));

    [Theory]
    [InlineData("zz")]
    [InlineData("completely-different")]
    public void Suggests_nothing_for_unrelated_words(string word) =>
        Assert.Null(Suggestions.Closest(word, ["a", "resize", "store"]));

    [Fact]
    public void The_same_name_in_another_case_beats_a_near_miss() =>
        Assert.Equal("us-west-2", Suggestions.Closest("US-WEST-2", ["us-west-1", "us-west-2"]));
}

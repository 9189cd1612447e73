using Tern.Footprint.Slurm;

namespace Tern.Footprint.Tests.Slurm;

public class NodeListExpanderTests
{
    [Theory]
    [InlineData("node[01-04,07]", "node01 node02 node03 node04 node07")]
    [InlineData("a[1-2]-ib,b3", "a1-ib a2-ib b3")]
    [InlineData("r[1-2]n[1-2]", "r1n1 r1n2 r2n1 r2n2")]
    [InlineData("cn[8-10]", "cn8 cn9 cn10")]
    [InlineData("cn[098-101]", "cn098 cn099 cn100 cn101")]
    [InlineData("gpu01", "gpu01")]
    [InlineData("x[1],x1,y[2-3]", "x1 y2 y3")]
    public void Compressed_lists_expand_as_slurm_writes_them(string list, string hosts) =>
        Assert.Equal(hosts.Split(' '), NodeListExpander.Expand(list));

    [Theory]
    [InlineData("node[01-04", "without its ']'")]
    [InlineData("node]01[", "unbalanced")]
    [InlineData("node[04-01]", "runs backwards")]
    [InlineData("node[a-b]", "is not a number")]
    [InlineData("a,,b", "empty host name")]
    [InlineData("n[1-9999999]", "more than")]
    public void Malformed_lists_say_what_is_wrong(string list, string message)
    {
        var error = Assert.Throws<FormatException>(() => NodeListExpander.Expand(list));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Tables;

namespace Tern.Sandbox.Tests.Tables;

public class SimpleJsonPathTests
{
    private static readonly JsonNode Value = JsonNode.Parse("""
        {"spec":{"homeRegion":"us-east-1","functions":[{"name":"a","memoryMiB":128},{"name":"b","memoryMiB":256}]},
         "status":{"conditions":[{"type":"Deployed","status":"False"},{"type":"Ready","status":"True"}]}}
        """)!;

    [Theory]
    [InlineData(".spec.homeRegion", "string", "us-east-1")]
    [InlineData("{.spec.homeRegion}", "string", "us-east-1")]
    [InlineData(".spec.functions[1].name", "string", "b")]
    [InlineData(".spec.functions[-1].name", "string", "b")]
    [InlineData(".spec.functions[*].memoryMiB", "integer", "128")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "string", "True")]
    [InlineData(".status.conditions[?(@.type=='Deployed')].status", "string", "False")]
    public void A_column_shows_the_first_value_its_path_finds(string path, string type, string expected) =>
        Assert.Equal(expected, SimpleJsonPath.Cell(Value, path, type)?.ToString());

    [Fact]
    public void A_path_that_finds_nothing_is_an_empty_cell() =>
        Assert.Null(SimpleJsonPath.Cell(Value, ".status.plan.summary", "string"));
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Patching;

namespace Tern.Sandbox.Tests.Patching;

public class StrategicMergePatchTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse("""
        {"type":"object","properties":{"apiVersion":{"type":"string"},"spec":{"type":"object","properties":{
          "items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                   "items":{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"},
                                                       "tags":{"type":"array","items":{"type":"string"}}}}},
          "plain":{"type":"array","items":{"type":"string"}}}}}}
        """)!;

    private static readonly JsonObject Target = (JsonObject)JsonNode.Parse("""
        {"spec":{"items":[{"name":"a","size":1,"tags":["x"]},{"name":"b","size":2}],"plain":["p","q"]}}
        """)!;

    private static SchemaCursor Cursor => new(Schema);

    [Fact]
    public void Items_of_a_list_map_merge_by_key_and_new_ones_are_appended()
    {
        var patched = StrategicMergePatch.Apply(Target, Parse("""{"spec":{"items":[{"name":"b","size":3},{"name":"c","size":4}]}}"""), Cursor);
        const string Expected = """[{"name":"a","size":1,"tags":["x"]},{"name":"b","size":3},{"name":"c","size":4}]""";
        Assert.Equal(Expected, patched["spec"]!["items"]!.ToJsonString());
    }

    [Fact]
    public void A_delete_directive_removes_one_item_and_a_replace_directive_the_whole_list()
    {
        var deleted = StrategicMergePatch.Apply(Target, Parse("""{"spec":{"items":[{"name":"a","$patch":"delete"}]}}"""), Cursor);
        Assert.Equal("""[{"name":"b","size":2}]""", deleted["spec"]!["items"]!.ToJsonString());
        var replaced = StrategicMergePatch.Apply(Target, Parse("""{"spec":{"items":[{"name":"z"},{"$patch":"replace"}]}}"""), Cursor);
        Assert.Equal("""[{"name":"z"}]""", replaced["spec"]!["items"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_a_key_are_replaced_nulls_delete_and_kubectl_directives_are_not_stored()
    {
        var patched = StrategicMergePatch.Apply(Target, Parse("""
            {"spec":{"plain":["r"],"$setElementOrder/items":[{"name":"b"},{"name":"a"}],"items":[{"name":"a","tags":null}]}}
            """), Cursor);
        Assert.Equal("""["r"]""", patched["spec"]!["plain"]!.ToJsonString());
        Assert.Null(patched["spec"]!["items"]![0]!["tags"]);
        Assert.Null(patched["spec"]!["$setElementOrder/items"]);
    }

    [Fact]
    public void Without_a_schema_it_is_a_json_merge_patch()
    {
        var patched = StrategicMergePatch.Apply(Target, Parse("""{"spec":{"items":[{"name":"b"}]}}"""), default);
        Assert.Equal("""[{"name":"b"}]""", patched["spec"]!["items"]!.ToJsonString());
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}

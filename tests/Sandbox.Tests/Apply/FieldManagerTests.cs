using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tern.Sandbox.Apply;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Tests.Apply;

public class FieldManagerTests
{
    private static readonly ResourceKind Kind = new("tern.dev", "v1alpha1", "things", "Thing", Namespaced: true)
    {
        IsCustom = true,
        Schema = (JsonObject)JsonNode.Parse("""
            {"type":"object","properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
             "spec":{"type":"object","properties":{"size":{"type":"integer"},"owner":{"type":"string"},
               "items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                        "items":{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"}}}}}}}}
            """)!,
    };

    private readonly FieldManager _fields = new(new FakeTimeProvider());

    [Fact]
    public void An_update_takes_the_fields_it_changed_from_the_applier_who_then_conflicts_on_them()
    {
        var applied = _fields.Apply(Kind, null, Thing("""{"size":1,"owner":"a"}"""), "alice", force: false, statusOnly: false);
        var updated = (JsonObject)applied.DeepClone();
        updated["spec"]!["size"] = 2;
        _fields.RecordUpdate(Kind, applied, updated, "scaler", statusOnly: false);

        var again = Thing("""{"size":1,"owner":"a"}""");
        var conflict = Assert.Throws<StatusException>(() => _fields.Apply(Kind, updated, again, "alice", force: false, statusOnly: false));
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"scaler\" using tern.dev/v1alpha1: .spec.size", conflict.Message);
        Assert.Equal("FieldManagerConflict", conflict.Details!["causes"]![0]!["reason"]!.GetValue<string>());

        var same = _fields.Apply(Kind, updated, Thing("""{"size":2,"owner":"a"}"""), "alice", force: false, statusOnly: false);
        Assert.Equal(2, same["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public void Appliers_of_different_list_map_items_keep_each_others_items()
    {
        var alice = _fields.Apply(Kind, null, Thing("""{"items":[{"name":"a","size":1}]}"""), "alice", force: false, statusOnly: false);
        var both = _fields.Apply(Kind, alice, Thing("""{"items":[{"name":"b","size":2}]}"""), "bob", force: false, statusOnly: false);
        Assert.Equal(["a", "b"], both["spec"]!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));

        var aliceLeaves = _fields.Apply(Kind, both, Thing("{}"), "alice", force: false, statusOnly: false);
        Assert.Equal(["b"], aliceLeaves["spec"]!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Forcing_moves_the_field_to_the_applier()
    {
        var alice = _fields.Apply(Kind, null, Thing("""{"owner":"a"}"""), "alice", force: false, statusOnly: false);
        var bob = _fields.Apply(Kind, alice, Thing("""{"owner":"b"}"""), "bob", force: true, statusOnly: false);
        Assert.Equal("b", bob["spec"]!["owner"]!.GetValue<string>());
        var managers = bob["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).ToList();
        Assert.Equal(["bob"], managers);
    }

    private static JsonObject Thing(string spec) => new()
    {
        ["apiVersion"] = "tern.dev/v1alpha1",
        ["kind"] = "Thing",
        ["metadata"] = new JsonObject { ["name"] = "t", ["namespace"] = "default" },
        ["spec"] = JsonNode.Parse(spec),
    };
}

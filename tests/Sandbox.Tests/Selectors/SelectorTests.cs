using System.Text.Json.Nodes;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Selectors;

namespace Tern.Sandbox.Tests.Selectors;

public class SelectorTests
{
    private static readonly JsonObject Labelled = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"n","labels":{"app":"tern","tier":"web"}}}""")!;

    [Theory]
    [InlineData("app=tern", true)]
    [InlineData("app==tern,tier=web", true)]
    [InlineData("app!=tern", false)]
    [InlineData("tier in (db, web)", true)]
    [InlineData("tier notin (web)", false)]
    [InlineData("app", true)]
    [InlineData("!owner", true)]
    [InlineData("owner", false)]
    [InlineData("", true)]
    public void Label_selectors_match_like_kubernetes(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labelled));

    [Fact]
    public void Event_field_selectors_use_the_fields_kubectl_describe_sends_and_others_are_refused()
    {
        var events = new ResourceKind("", "v1", "events", "Event", Namespaced: true);
        var value = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"e"},"involvedObject":{"name":"w","kind":"ServerlessWorkflow","uid":"u1"}}""")!;
        Assert.True(FieldSelector.Parse("involvedObject.name=w,involvedObject.kind=ServerlessWorkflow,involvedObject.uid=u1", events).Matches(value));
        Assert.False(FieldSelector.Parse("involvedObject.name!=w", events).Matches(value));
        var refused = Assert.Throws<StatusException>(() => FieldSelector.Parse("spec.homeRegion=x", new ResourceKind("tern.dev", "v1alpha1",
            "serverlessworkflows", "ServerlessWorkflow", true)));
        Assert.Equal(400, refused.Code);
    }
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Watch;

public class WatchStreamTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Send_initial_events_lists_the_objects_then_marks_the_end_with_a_bookmark()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        foreach (var (name, team) in new[] { ("a", "x"), ("b", "y"), ("c", "x") })
        {
            var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["team"] = team } };
            await api.PostAsync(ConfigMaps, new JsonObject { ["metadata"] = metadata }.ToJsonString());
        }

        var events = await ReadAsync(sandbox,
            ConfigMaps + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan" +
            "&labelSelector=team%3Dx", count: 3);

        Assert.Equal(["ADDED a", "ADDED c", "BOOKMARK "], events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
        Assert.Equal("true", events[2]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_from_a_version_sends_only_later_changes_that_match_its_field_selector()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var first = await api.PostAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var version = first.Body!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await api.PostAsync(ConfigMaps, """{"metadata":{"name":"b"}}""");
        await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/a", """{"data":{"k":"v"}}""", "application/merge-patch+json");

        var events = await ReadAsync(sandbox, $"{ConfigMaps}?watch=true&resourceVersion={version}&fieldSelector=metadata.name%3Da", count: 1);

        Assert.Equal("MODIFIED", events[0]["type"]!.GetValue<string>());
        Assert.Equal("v", events[0]["object"]!["data"]!["k"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> ReadAsync(SandboxFixture sandbox, string path, int count)
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonNode>();
        while (events.Count < count && await reader.ReadLineAsync() is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }
        return events;
    }
}

using System.Text.Json.Nodes;
using System.Threading.Channels;
using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Storage;

/// <summary>One change, as watches see it.</summary>
internal sealed record StoredEvent(long ResourceVersion, string Resource, string Namespace, string Type, JsonObject Object);

/// <summary>Where an object is kept: its resource (plural.group), namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string Resource, string Namespace, string Name)
{
    public static ObjectKey Of(ResourceKind kind, string ns, string name) => new(kind.Resource, kind.Namespaced ? ns : "", name);
}

/// <summary>An open watch: its events (the first <paramref name="Initial"/> are the objects that existed, as ADDED).</summary>
internal sealed record WatchSubscription(ChannelReader<StoredEvent> Reader, int Initial, Action Unsubscribe);

namespace Tern.Sandbox;

/// <summary>Where the loopback server listens and whether it keeps its objects on disk.</summary>
public sealed record LoopbackServerOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one (see <see cref="LoopbackApiServer.BaseUri"/>).</summary>
    public int Port { get; init; }

    /// <summary>A directory that keeps every object and the resourceVersion counter, so that a server started
    /// again on it (after a kill -9 too) serves the same objects; null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }
}

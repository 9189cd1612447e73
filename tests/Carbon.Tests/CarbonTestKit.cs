using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Tern.Entities.CarbonSources;
using Tern.Carbon;

namespace Tern.Carbon.Tests;

/// <summary>Builds CarbonSources and refreshers for the tests.</summary>
internal static class CarbonTestKit
{
    public static readonly DateTimeOffset Now = new(2024, 5, 2, 0, 0, 0, TimeSpan.Zero);

    public static CarbonSource Source(CarbonSourceSpec spec, string name = "test") => new() { Metadata = new() { Name = name }, Spec = spec };

    /// <summary>The loopback servers' host, allowed as an operator would allow a provider's host.</summary>
    public static EndpointPolicy Loopback { get; } = EndpointPolicy.Parse(["127.0.0.1"]);

    /// <summary>Options for a refresh against loopback servers: these regions, quick retries, 127.0.0.1 allowed.</summary>
    public static CarbonRefresherOptions Options(IReadOnlyCollection<string> regions, IConfigMapReader? configMaps = null) =>
        new() { Regions = regions, Requests = CarbonTestData.FastRequests, ConfigMaps = configMaps, Endpoints = Loopback };

    public static CarbonRefresher Refresher(HttpClient http, CarbonSnapshotStore store, TimeProvider time, IReadOnlyCollection<string> regions,
        IConfigMapReader? configMaps = null) =>
        new(http, store, time, Options(regions, configMaps));

    public static FakeTimeProvider Clock(DateTimeOffset? at = null) => new(at ?? Now);

    /// <summary>The start and end query parameters of a request, as the providers send them.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Range(HttpListenerRequest request) =>
        (DateTimeOffset.Parse(request.QueryString["start"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
         DateTimeOffset.Parse(request.QueryString["end"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
}

/// <summary>Secrets held in memory.</summary>
internal sealed class MemorySecrets(Dictionary<(string, string), string> values) : ISecretReader
{
    public MemorySecrets() : this([])
    {
    }

    public Task<string?> ReadAsync(string name, string key, CancellationToken ct) => Task.FromResult(values.GetValueOrDefault((name, key)));
}

/// <summary>ConfigMaps held in memory; a test can change them between refreshes.</summary>
internal sealed class MemoryConfigMaps : IConfigMapReader
{
    public Dictionary<(string, string), string> Values { get; } = [];

    public Task<string?> ReadAsync(string name, string key, CancellationToken ct) => Task.FromResult(Values.GetValueOrDefault((name, key)));
}

/// <summary>A Secret store that never answers, like an API server behind a partition.</summary>
internal sealed class HangingSecrets : ISecretReader
{
    public async Task<string?> ReadAsync(string name, string key, CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        return null;
    }
}

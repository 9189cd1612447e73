using System.Net;
using Tern.Entities.CarbonSources;
using Tern.Tests.Support;
using static Tern.Carbon.Tests.CarbonTestKit;

namespace Tern.Carbon.Tests;

/// <summary>How a refresh fetches its zones: a few at a time, within the refresh's deadline. The deadline tests run on
/// a fake clock, so they wait for nothing but the loopback server's requests.</summary>
public class ZoneFetcherTests
{
    private static readonly MemorySecrets Secrets = new(new() { [("electricitymaps", "token")] = "secret-token" });
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CarbonSource Spec(string endpoint) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.ElectricityMaps,
        ElectricityMaps = new ElectricityMapsSettings { Endpoint = endpoint, TokenSecretRef = new() { Name = "electricitymaps", Key = "token" } },
    });

    private static Reply PastRange(HttpListenerRequest request)
    {
        var (start, end) = Range(request);
        return Reply.Json(CarbonTestData.ElectricityMapsPastRange(request.QueryString["zone"]!, start, (int)(end - start).TotalHours,
            i => 100 + i % 24));
    }

    private static CarbonRefresher Refresher(HttpClient http, TimeProvider clock, IReadOnlyCollection<string> regions, int concurrency = 4) =>
        new(http, new CarbonSnapshotStore(), clock, Options(regions) with
        {
            // Longer than the deadline, so only the deadline can end a hanging request here.
            Requests = CarbonTestData.FastRequests with { RequestTimeout = TimeSpan.FromHours(1) },
            RefreshTimeout = TimeSpan.FromMinutes(2),
            MaxConcurrentFetches = concurrency,
        });

    private static async Task WaitForRequestsAsync(LoopbackServer server, int count)
    {
        var deadline = DateTimeOffset.UtcNow + Bound;
        while (server.Requests.Count < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the server saw {server.Requests.Count} of {count} requests");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_hanging_provider_ends_the_refresh_at_its_deadline_with_a_timeout()
    {
        using var server = new LoopbackServer(r => PastRange(r) with { Delay = TimeSpan.FromHours(1) });
        using var http = ProviderHttpClient.Create();
        var clock = Clock();
        var refreshing = Refresher(http, clock, ["eu-west-2", "us-east-1", "us-west-2"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        await WaitForRequestsAsync(server, 1);
        clock.Advance(TimeSpan.FromMinutes(2));
        var result = await refreshing.WaitAsync(Bound);

        Assert.False(result.Outcome.Ready);
        Assert.Equal("Timeout", result.Outcome.Reason);
        Assert.Contains("Electricity Maps: zone GB had no complete answer when the refresh's deadline of 2m passed", result.Outcome.Message,
            StringComparison.Ordinal);
        Assert.All(result.Snapshot?.Regions ?? [], r => Assert.False(r.IsAvailable));
    }

    [Fact]
    public async Task Zones_that_answered_before_the_deadline_are_kept_and_the_hanging_one_is_marked_stale()
    {
        using var server = new LoopbackServer(r => r.QueryString["zone"] == "US-MIDA-PJM" ? PastRange(r) with { Delay = TimeSpan.FromHours(1) }
            : PastRange(r));
        using var http = ProviderHttpClient.Create();
        var clock = Clock();
        var refreshing = Refresher(http, clock, ["eu-west-2", "us-east-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        // GB goes first and alone, so once US-MIDA-PJM is asked for, GB's answer is in.
        await WaitForRequestsAsync(server, 2);
        clock.Advance(TimeSpan.FromMinutes(2));
        var result = await refreshing.WaitAsync(Bound);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal("PartiallyRefreshed", result.Outcome.Reason);
        Assert.Contains("zone US-MIDA-PJM had no complete answer when the refresh's deadline", result.Outcome.Message, StringComparison.Ordinal);
        Assert.True(result.Regions.Single(r => r.Region == "us-east-1").Stale);
        Assert.False(result.Regions.Single(r => r.Region == "eu-west-2").Stale);
        Assert.Contains("deadline", result.Snapshot!.Find("us-east-1")!.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_most_the_configured_number_of_zones_are_fetched_at_once()
    {
        var inFlight = 0;
        var most = 0;
        using var server = new LoopbackServer(r =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            // The reply is delayed after this handler returns; the count drops when the delay is over.
            _ = Task.Delay(300).ContinueWith(_ => Interlocked.Decrement(ref inFlight), TaskScheduler.Default);
            return PastRange(r) with { Delay = TimeSpan.FromMilliseconds(300) };
        });
        using var http = ProviderHttpClient.Create();
        string[] regions = ["eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "us-east-1", "us-west-1", "us-west-2", "ap-northeast-1"];

        var result = await Refresher(http, TimeProvider.System, regions, concurrency: 3).RefreshAsync(Spec(server.BaseUrl), Secrets, default)
            .WaitAsync(Bound);

        Assert.Equal("Refreshed", result.Outcome.Reason);
        Assert.Equal(regions.Length, server.Requests.Count);
        Assert.InRange(most, 2, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

using System.Diagnostics;
using Tern.Entities.CarbonSources;
using Tern.Carbon;
using static Tern.Carbon.Tests.CarbonTestKit;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.ElectricityMaps;

public class ElectricityMapsProviderTests
{
    private static readonly MemorySecrets Secrets = new(new() { [("electricitymaps", "token")] = "secret-token" });

    private static CarbonSource Spec(string endpoint, LocationMode location = LocationMode.Zone, string window = "7d") => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.ElectricityMaps,
        ElectricityMaps = new ElectricityMapsSettings { Endpoint = endpoint, TokenSecretRef = new() { Name = "electricitymaps", Key = "token" },
            Location = location },
        HistoryWindow = window,
    });

    /// <summary>Answers past-range with hourly points over the requested range: 100 + hour of day, nulls where asked.</summary>
    private static Reply PastRange(System.Net.HttpListenerRequest request, Func<DateTimeOffset, bool>? isNull = null)
    {
        var (start, end) = Range(request);
        var zone = request.QueryString["zone"] ?? "US-MIDA-PJM";
        return Reply.Json(CarbonTestData.ElectricityMapsPastRange(zone, start, (int)(end - start).TotalHours,
            i => isNull?.Invoke(start.AddHours(i)) == true ? null : 100 + start.AddHours(i).Hour));
    }

    [Fact]
    public async Task A_14_day_window_is_paged_by_10_days_with_the_token_header_and_one_fetch_per_zone()
    {
        using var server = new LoopbackServer(r => PastRange(r));
        using var http = ProviderHttpClient.Create();
        var refresher = Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1", "us-east-2"]);

        var result = await refresher.RefreshAsync(Spec(server.BaseUrl + "/v3", window: "14d"), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal("Refreshed", result.Outcome.Reason);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.StartsWith("/v3/carbon-intensity/past-range?zone=US-MIDA-PJM&start=", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("emissionFactorType=lifecycle", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal("secret-token", r.AuthToken);
        });
        Assert.Contains("start=2024-04-18T00%3A00%3A00Z&end=2024-04-28T00%3A00%3A00Z", requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(2, result.Regions.Count);
        Assert.All(result.Regions, r =>
        {
            Assert.Equal("US-MIDA-PJM", r.Zone);
            Assert.Equal(SignalType.Average, r.Signal);
            Assert.Equal(EmissionFactorType.Lifecycle, r.EmissionFactorType);
            Assert.Equal(Enumerable.Range(0, 24).Select(h => 100.0 + h), r.HourlyGramsPerKwh);
            Assert.False(r.Stale);
        });
        Assert.Equal(123, result.Snapshot!.Find("us-east-1")!.HourOfDayMeans![23]);
    }

    [Fact]
    public async Task Data_center_and_coordinate_location_send_the_documented_parameters()
    {
        using var server = new LoopbackServer(r => PastRange(r));
        using var http = ProviderHttpClient.Create();
        await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl, LocationMode.DataCenter), Secrets, default);
        await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl, LocationMode.Coordinates), Secrets, default);

        var requests = server.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Contains("dataCenterProvider=aws&dataCenterRegion=us-east-1", requests[0], StringComparison.Ordinal);
        Assert.Contains("lat=39.0438&lon=-77.4874&shouldUseFallbackCallerLookup=false", requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_intensities_up_to_3_hours_are_interpolated_and_a_longer_gap_marks_the_region_stale()
    {
        var shortGap = new DateTimeOffset(2024, 4, 28, 10, 0, 0, TimeSpan.Zero);
        using var server = new LoopbackServer(r => r.QueryString["zone"] == "US-MIDA-PJM"
            ? PastRange(r, t => t >= shortGap && t < shortGap.AddHours(3))
            : PastRange(r, t => t >= shortGap && t < shortGap.AddHours(4)));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1", "us-west-1"])
            .RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        var east = result.Regions.Single(r => r.Region == "us-east-1");
        Assert.False(east.Stale);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => 100.0 + h), east.HourlyGramsPerKwh);
        Assert.Contains(result.Notes, n => n.Contains("3 missing hour(s) interpolated", StringComparison.Ordinal));
        var west = result.Regions.Single(r => r.Region == "us-west-1");
        Assert.True(west.Stale);
        Assert.Empty(west.HourlyGramsPerKwh);
        var reason = result.Snapshot!.Find("us-west-1")!.UnavailableReason;
        Assert.Contains("for 4 h from 2024-04-28T10:00Z", reason, StringComparison.Ordinal);
        Assert.Equal(0, result.RejectedReadings);
    }

    public static TheoryData<string, Reply, string> BadBodies => new()
    {
        { "malformed JSON", Reply.Json("{\"zone\":\"US-MIDA-PJM\",\"data\":[{\"carbonIntensity\":12,}]}"),
            "not the JSON Electricity Maps documents" },
        { "HTML error page", Reply.Html(200), "content type 'text/html' instead of application/json" },
        { "truncated body", Reply.Json("{\"zone\":\"US-MIDA-PJM\",\"data\":[{\"carbonIntensity\":412,\"datetime\":\"2024-05-01T00:"),
            "not the JSON Electricity Maps documents" },
        { "wrong content type", new Reply(200, "zone,carbonIntensity\nDE,300", "text/csv"), "content type 'text/csv'" },
        { "no content type", new Reply(200, "{}", null), "content type 'none'" },
        { "wrong shape", Reply.Json("{\"zone\":\"US-MIDA-PJM\",\"data\":{\"carbonIntensity\":\"high\"}}"),
            "not the JSON Electricity Maps documents" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gives_a_clear_error_and_keeps_the_last_good_snapshot(string what, Reply bad, string expected)
    {
        var broken = false;
        using var server = new LoopbackServer(r => broken ? bad : PastRange(r));
        using var http = ProviderHttpClient.Create();
        var store = new CarbonSnapshotStore();
        var clock = Clock();
        var refresher = Refresher(http, store, clock, ["us-east-1"]);
        var good = await refresher.RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        broken = true;
        clock.Advance(TimeSpan.FromHours(1));
        var failed = await refresher.RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("InvalidResponse", failed.Outcome.Reason);
        Assert.Contains(expected, failed.Outcome.Message, StringComparison.Ordinal);
        Assert.Contains("Planning keeps the snapshot of 2024-05-02T00:00Z", failed.Outcome.Message, StringComparison.Ordinal);
        Assert.True(failed.Outcome.Ready, what);
        Assert.Same(good.Snapshot, failed.Snapshot);
        Assert.Equal(good.Regions, failed.Regions);
        Assert.Equal(CarbonTestKit.Now, failed.LastRefreshTime);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay()
    {
        var calls = 0;
        using var server = new LoopbackServer(r => Interlocked.Increment(ref calls) == 1
            ? new Reply(429, "{\"status\":\"error\",\"message\":\"Too many requests\"}",
                Headers: new Dictionary<string, string> { ["Retry-After"] = "1" })
            : PastRange(r));
        using var http = ProviderHttpClient.Create();
        var watch = Stopwatch.StartNew();
        var result = await Refresher(http, new CarbonSnapshotStore(), TimeProvider.System, ["us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal(2, calls);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_limit_fails_at_once_as_rate_limited()
    {
        using var server = new LoopbackServer(_ => new Reply(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.False(result.Outcome.Ready);
        Assert.Equal("RateLimited", result.Outcome.Reason);
        Assert.Contains("asked to wait 3600 s", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_401_stops_the_refresh_without_retrying_or_trying_other_zones()
    {
        using var server = new LoopbackServer(_ => new Reply(401, "{\"error\":\"Invalid auth-token\"}"));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1", "us-west-1", "eu-west-2"])
            .RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.False(result.Outcome.Ready);
        Assert.Null(result.Snapshot);
        Assert.Equal("Unauthorized", result.Outcome.Reason);
        Assert.Contains("HTTP 401", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Contains("check the Secret", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_reported()
    {
        using var server = new LoopbackServer(_ => Reply.Html(503));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), TimeProvider.System, ["us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("ProviderUnavailable", result.Outcome.Reason);
        Assert.Contains("HTTP 503", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 3 attempts", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_hanging_server_times_out()
    {
        using var server = new LoopbackServer(r => PastRange(r) with { Delay = TimeSpan.FromSeconds(3) });
        using var http = ProviderHttpClient.Create();
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), TimeProvider.System, Options(["us-east-1"]) with
        {
            Requests = CarbonTestData.FastRequests with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 },
        });
        var result = await refresher.RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("Timeout", result.Outcome.Reason);
        Assert.Contains("no complete answer within 0.2 s", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_is_reported_before_any_request()
    {
        using var server = new LoopbackServer(r => PastRange(r));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl), new MemorySecrets(), default);

        Assert.Equal("Unauthorized", result.Outcome.Reason);
        Assert.Contains("Secret electricitymaps has no key 'token'", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}

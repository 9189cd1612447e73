using System.Text;
using Tern.Entities.CarbonSources;
using Tern.Carbon;
using Tern.Carbon.WattTime;
using static Tern.Carbon.Tests.CarbonTestKit;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.WattTime;

public class WattTimeProviderTests
{
    private static readonly MemorySecrets Secrets = new(new() { [("watttime", "username")] = "tern", [("watttime", "password")] = "pw" });

    private static CarbonSource Spec(string endpoint, Dictionary<string, string>? overrides = null) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.WattTime,
        WattTime = new WattTimeSettings { Endpoint = endpoint, CredentialsSecretRef = new() { Name = "watttime" } },
        ZoneOverrides = overrides ?? [],
    });

    /// <summary>5-minute points of i % 12 × 100 lbs/MWh, so each hour averages 550 lbs/MWh.</summary>
    private static Reply Historical(System.Net.HttpListenerRequest request)
    {
        var (start, end) = Range(request);
        return Reply.Json(CarbonTestData.WattTimeSignal(request.QueryString["region"]!, start, (int)(end - start).TotalMinutes / 5,
            i => i % 12 * 100));
    }

    [Fact]
    public async Task Logs_in_locates_the_region_and_converts_5_minute_lbs_per_MWh_to_hourly_g_per_kWh()
    {
        using var server = new LoopbackServer(r => r.Url!.AbsolutePath switch
        {
            "/login" => Reply.Json("{\"token\":\"jwt-1\"}"),
            "/v3/region-from-loc" =>
                Reply.Json("{\"region\":\"CAISO_NORTH\",\"region_full_name\":\"California ISO Northern\",\"signal_type\":\"co2_moer\"}"),
            _ => Historical(r),
        });
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-west-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        var region = Assert.Single(result.Regions);
        Assert.Equal("CAISO_NORTH", region.Zone);
        Assert.Equal(SignalType.Marginal, region.Signal);
        Assert.All(region.HourlyGramsPerKwh, v => Assert.Equal(Math.Round(550 * WattTimeProvider.GramsPerKwhPerLbsPerMwh, 2), v));
        Assert.Contains("Marginal signal", result.Outcome.Message, StringComparison.Ordinal);
        var requests = server.Requests.ToList();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tern:pw")), requests[0].Authorization);
        Assert.Contains("latitude=37.3382&longitude=-121.8863", requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("Bearer jwt-1", requests[2].Authorization);
        Assert.Contains("region=CAISO_NORTH", requests[2].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("signal_type=co2_moer", requests[2].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once()
    {
        var logins = 0;
        using var server = new LoopbackServer(r => r.Url!.AbsolutePath == "/login"
            ? Reply.Json($"{{\"token\":\"jwt-{Interlocked.Increment(ref logins)}\"}}")
            : r.Headers["Authorization"] == "Bearer jwt-1" ? new Reply(401, "{\"error\":\"token expired\"}") : Historical(r));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-west-1"])
            .RefreshAsync(Spec(server.BaseUrl, new() { ["us-west-1"] = "CAISO_NORTH" }), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal(2, logins);
    }

    [Fact]
    public async Task Zones_fetched_at_the_same_time_share_one_login_and_one_renewal()
    {
        var logins = 0;
        var dataRequests = 0;
        var expiredRequests = 0;
        using var allFourSent = new ManualResetEventSlim();
        using var server = new LoopbackServer(r =>
        {
            if (r.Url!.AbsolutePath == "/login")
            {
                return Reply.Json($"{{\"token\":\"jwt-{Interlocked.Increment(ref logins)}\"}}");
            }
            // jwt-1 serves the first zone only, then expires under the four zones fetched together; the 401s wait until all
            // four have been sent, so all four renew at the same time.
            var first = Interlocked.Increment(ref dataRequests) == 1;
            if (r.Headers["Authorization"] != "Bearer jwt-1" || first)
            {
                return Historical(r);
            }
            if (Interlocked.Increment(ref expiredRequests) == 4)
            {
                allFourSent.Set();
            }
            allFourSent.Wait(TimeSpan.FromSeconds(30));
            return new Reply(401, "{\"error\":\"token expired\"}");
        });
        using var http = ProviderHttpClient.Create();
        var overrides = new Dictionary<string, string>
        {
            ["us-west-1"] = "CAISO_NORTH", ["us-east-1"] = "PJM_DC", ["us-east-2"] = "PJM_ROANOKE", ["us-west-2"] = "BPA", ["ca-central-1"] = "IESO",
        };

        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), [.. overrides.Keys])
            .RefreshAsync(Spec(server.BaseUrl, overrides), Secrets, default);

        Assert.Equal("Refreshed", result.Outcome.Reason);
        Assert.Equal(4, expiredRequests);
        Assert.Equal(2, logins);
    }

    [Fact]
    public async Task Rejected_credentials_give_Unauthorized_without_a_login_storm()
    {
        using var server = new LoopbackServer(_ => new Reply(403, "{\"error\":\"bad credentials\"}"));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-west-1", "us-east-1"])
            .RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("Unauthorized", result.Outcome.Reason);
        Assert.Contains("HTTP 403", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}

using System.Text;
using Tern.Entities.CarbonSources;
using Tern.Operator.Carbon;
using Tern.Operator.Carbon.WattTime;
using static Tern.Operator.Tests.Carbon.CarbonTestKit;

namespace Tern.Operator.Tests.Carbon;

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
        return Reply.Json(CarbonTestData.WattTimeSignal(request.QueryString["region"]!, start, (int)(end - start).TotalMinutes / 5, i => i % 12 * 100));
    }

    [Fact]
    public async Task Logs_in_locates_the_region_and_converts_5_minute_lbs_per_MWh_to_hourly_g_per_kWh()
    {
        using var server = new LoopbackServer(r => r.Url!.AbsolutePath switch
        {
            "/login" => Reply.Json("{\"token\":\"jwt-1\"}"),
            "/v3/region-from-loc" => Reply.Json("{\"region\":\"CAISO_NORTH\",\"region_full_name\":\"California ISO Northern\",\"signal_type\":\"co2_moer\"}"),
            _ => Historical(r),
        });
        using var http = new HttpClient();
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
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-west-1"]).RefreshAsync(Spec(server.BaseUrl, new() { ["us-west-1"] = "CAISO_NORTH" }), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal(2, logins);
    }

    [Fact]
    public async Task Rejected_credentials_give_Unauthorized_without_a_login_storm()
    {
        using var server = new LoopbackServer(_ => new Reply(403, "{\"error\":\"bad credentials\"}"));
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["us-west-1", "us-east-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("Unauthorized", result.Outcome.Reason);
        Assert.Contains("HTTP 403", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}

public class UKCarbonIntensityProviderTests
{
    private static CarbonSource Spec(string endpoint) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.UKCarbonIntensity,
        UKCarbonIntensity = new UKCarbonIntensitySettings { Endpoint = endpoint },
    });

    [Fact]
    public async Task Half_hours_average_to_hours_and_missing_actuals_use_the_forecast()
    {
        using var server = new LoopbackServer(r =>
        {
            var parts = r.Url!.AbsolutePath.Split('/');
            var start = DateTimeOffset.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var end = DateTimeOffset.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
            // Each hour: 100 then 200 (actual), except the last 4 periods, which only have a forecast of 300.
            var periods = (int)(end - start).TotalMinutes / 30;
            return Reply.Json(CarbonTestData.UKIntensity(start, periods, i => (300, i >= periods - 4 ? null : i % 2 == 0 ? 100 : 200)));
        });
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-2", "eu-west-1"]).RefreshAsync(Spec(server.BaseUrl), new MemorySecrets(), default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        var gb = Assert.Single(result.Regions);
        Assert.Equal("GB", gb.Zone);
        Assert.Equal(EmissionFactorType.Direct, gb.EmissionFactorType);
        // 22:00 and 23:00 UTC: six days of 150 and the last day's forecast of 300.
        Assert.Equal(150, gb.HourlyGramsPerKwh[12]);
        Assert.Equal((6 * 150 + 300) / 7.0, gb.HourlyGramsPerKwh[23], 2);
        Assert.Contains(result.Notes, n => n.Contains("4 half-hour period(s) had no actual intensity yet; their forecast was used", StringComparison.Ordinal));
        Assert.Contains("Great Britain only", result.Snapshot!.Find("eu-west-1")!.UnavailableReason, StringComparison.Ordinal);
        Assert.StartsWith("/intensity/2024-04-25T00:00Z/2024-05-02T00:00Z", server.Requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_from_the_API_is_reported()
    {
        using var server = new LoopbackServer(_ => new Reply(400, "{\"error\":{\"code\":\"400 Bad Request\",\"message\":\"Please enter a valid date\"}}"));
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-2"]).RefreshAsync(Spec(server.BaseUrl), new MemorySecrets(), default);

        Assert.False(result.Outcome.Ready);
        Assert.Equal("BadRequest", result.Outcome.Reason);
        Assert.Contains("Please enter a valid date", result.Outcome.Message, StringComparison.Ordinal);
    }
}

public class PrometheusProviderTests
{
    private static readonly MemorySecrets Secrets = new(new() { [("prom", "token")] = "bearer-1" });

    private static CarbonSource Spec(string endpoint) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.Prometheus,
        Prometheus = new PrometheusSettings { Endpoint = endpoint, QueryTemplate = "grid_intensity{zone=\"{{zone}}\"}", TokenSecretRef = new() { Name = "prom", Key = "token" } },
    });

    [Fact]
    public async Task The_zone_goes_into_the_query_and_NaN_samples_are_rejected_and_counted()
    {
        using var server = new LoopbackServer(r =>
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.QueryString["start"]!, System.Globalization.CultureInfo.InvariantCulture));
            var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.QueryString["end"]!, System.Globalization.CultureInfo.InvariantCulture));
            var samples = (int)((end - start) / TimeSpan.FromMinutes(5)) + 1;
            return Reply.Json(CarbonTestData.PrometheusMatrix(start, samples, TimeSpan.FromMinutes(5), i => i == 7 ? "NaN" : i == 8 ? "2500" : "321.5"));
        });
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-central-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal(2, result.RejectedReadings);
        Assert.All(result.Regions.Single().HourlyGramsPerKwh, v => Assert.Equal(321.5, v));
        var request = server.Requests.Single();
        Assert.Contains("query=grid_intensity%7Bzone%3D%22DE%22%7D", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("step=300s", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("Bearer bearer-1", request.Authorization);
    }

    [Fact]
    public async Task A_query_error_is_reported_with_the_servers_message()
    {
        using var server = new LoopbackServer(_ => new Reply(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": parse error\"}"));
        using var http = new HttpClient();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-central-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("BadRequest", result.Outcome.Reason);
        Assert.Contains("bad_data", result.Outcome.Message, StringComparison.Ordinal);
    }
}

using System.Text;
using Tern.Entities.CarbonSources;
using Tern.Carbon;
using Tern.Carbon.WattTime;
using static Tern.Carbon.Tests.CarbonTestKit;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.Prometheus;

public class PrometheusProviderTests
{
    private static readonly MemorySecrets Secrets = new(new() { [("prom", "token")] = "bearer-1" });

    private static CarbonSource Spec(string endpoint) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.Prometheus,
        Prometheus = new PrometheusSettings { Endpoint = endpoint, QueryTemplate = "grid_intensity{zone=\"{{zone}}\"}",
            TokenSecretRef = new() { Name = "prom", Key = "token" } },
    });

    [Fact]
    public async Task The_zone_goes_into_the_query_and_NaN_samples_are_rejected_and_counted()
    {
        using var server = new LoopbackServer(r =>
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.QueryString["start"]!, System.Globalization.CultureInfo.InvariantCulture));
            var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.QueryString["end"]!, System.Globalization.CultureInfo.InvariantCulture));
            var samples = (int)((end - start) / TimeSpan.FromMinutes(5)) + 1;
            return Reply.Json(CarbonTestData.PrometheusMatrix(start, samples, TimeSpan.FromMinutes(5),
                i => i == 7 ? "NaN" : i == 8 ? "2500" : "321.5"));
        });
        using var http = ProviderHttpClient.Create();
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
    public async Task A_query_error_names_the_status_and_leaves_the_servers_text_to_the_debug_log()
    {
        using var server = new LoopbackServer(_ => new Reply(400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": parse error\"}"));
        using var http = ProviderHttpClient.Create();
        var log = new CapturingLoggerProvider();
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), Clock(),
            Options(["eu-central-1"]), log.CreateLogger());

        var result = await refresher.RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("BadRequest", result.Outcome.Reason);
        Assert.Contains("Prometheus GET " + server.BaseUrl + "/api/v1/query_range: HTTP 400 BadRequest", result.Outcome.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("parse error", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("parse error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_query_in_a_200_answer_names_the_documented_error_type_only()
    {
        using var server = new LoopbackServer(_ =>
            Reply.Json("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected\"}"));
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-central-1"]).RefreshAsync(Spec(server.BaseUrl), Secrets, default);

        Assert.Equal("BadRequest", result.Outcome.Reason);
        Assert.Contains("Prometheus did not run the query 'grid_intensity{zone=\"DE\"}' (bad_data)", result.Outcome.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("parse error", result.Outcome.Message, StringComparison.Ordinal);
    }
}

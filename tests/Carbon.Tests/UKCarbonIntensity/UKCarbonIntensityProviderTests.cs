using System.Text;
using Tern.Entities.CarbonSources;
using Tern.Carbon;
using Tern.Carbon.WattTime;
using static Tern.Carbon.Tests.CarbonTestKit;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.UKCarbonIntensity;

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
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-2", "eu-west-1"])
            .RefreshAsync(Spec(server.BaseUrl), new MemorySecrets(), default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        var gb = Assert.Single(result.Regions);
        Assert.Equal("GB", gb.Zone);
        Assert.Equal(EmissionFactorType.Direct, gb.EmissionFactorType);
        // 22:00 and 23:00 UTC: six days of 150 and the last day's forecast of 300.
        Assert.Equal(150, gb.HourlyGramsPerKwh[12]);
        Assert.Equal((6 * 150 + 300) / 7.0, gb.HourlyGramsPerKwh[23], 2);
        Assert.Contains(result.Notes, n => n.Contains("4 half-hour period(s) had no actual intensity yet; their forecast was used",
            StringComparison.Ordinal));
        Assert.Contains("Great Britain only", result.Snapshot!.Find("eu-west-1")!.UnavailableReason, StringComparison.Ordinal);
        Assert.StartsWith("/intensity/2024-04-25T00:00Z/2024-05-02T00:00Z", server.Requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_goes_to_the_debug_log_and_the_status_says_what_to_check()
    {
        using var server = new LoopbackServer(_ => new Reply(400,
            "{\"error\":{\"code\":\"400 Bad Request\",\"message\":\"Please enter a valid date\"}}"));
        using var http = ProviderHttpClient.Create();
        var log = new CapturingLoggerProvider();
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), Clock(),
            Options(["eu-west-2"]), log.CreateLogger());

        var result = await refresher.RefreshAsync(Spec(server.BaseUrl), new MemorySecrets(), default);

        Assert.False(result.Outcome.Ready);
        Assert.Equal("BadRequest", result.Outcome.Reason);
        Assert.Contains("HTTP 400 BadRequest. The provider refused the request; check the endpoint", result.Outcome.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Please enter a valid date", result.Outcome.Message, StringComparison.Ordinal);
        var logged = Assert.Single(log.Lines, l => l.Contains("Please enter a valid date", StringComparison.Ordinal));
        Assert.StartsWith("Debug", logged, StringComparison.Ordinal);
    }
}

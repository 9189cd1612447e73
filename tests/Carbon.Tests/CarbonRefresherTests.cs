using System.Globalization;
using System.Text;
using Tern.Entities.CarbonSources;
using Tern.Entities.Conditions;
using Tern.Entities.Regions;
using Tern.Carbon;
using Tern.Planning.BundledData;
using static Tern.Carbon.Tests.CarbonTestKit;
using Tern.Carbon.Bundled;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests;

public class RefresherTests
{
    private static CarbonSource StaticFromConfigMap(Dictionary<string, string>? overrides = null) => Source(new CarbonSourceSpec
    {
        Provider = CarbonProvider.Static,
        Static = new StaticSettings { ConfigMapRef = new() { Name = "carbon", Key = "data.csv" } },
        ZoneOverrides = overrides ?? [],
        RefreshInterval = "1h",
    });

    /// <summary>Seven days of half-hourly rows for zones FR and DE ending at <paramref name="end"/>.</summary>
    private static string Csv(DateTimeOffset end, Func<DateTimeOffset, string>? value = null)
    {
        var text = new StringBuilder("datetime_utc,zone,gco2_per_kwh\n");
        for (var t = end.AddDays(-7); t < end; t = t.AddMinutes(30))
        {
            foreach (var zone in new[] { "FR", "DE" })
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{zone},{value?.Invoke(t) ?? (t.Minute == 0 ? "40" : "60")}\n");
            }
        }
        return text.ToString();
    }

    [Fact]
    public async Task A_ConfigMap_CSV_gives_hourly_means_and_counts_rejected_rows()
    {
        var configMaps = new MemoryConfigMaps();
        configMaps.Values[("carbon", "data.csv")] = Csv(Now, t => t.Hour == 3 && t.Minute == 30 ? "-5" : t.Minute == 0 ? "40" : "60");
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-3", "eu-central-1", "eu-west-2"], configMaps)
            .RefreshAsync(StaticFromConfigMap(), new MemorySecrets(), default);

        Assert.True(result.Outcome.Ready, result.Outcome.Message);
        Assert.Equal(14, result.RejectedReadings);
        var fr = result.Regions.Single(r => r.Region == "eu-west-3");
        Assert.Equal(40, fr.HourlyGramsPerKwh[3]);
        Assert.All(fr.HourlyGramsPerKwh.Where((_, h) => h != 3), v => Assert.Equal(50, v));
        Assert.Contains("no carbon data for zone GB in ConfigMap carbon/data.csv", result.Snapshot!.Find("eu-west-2")!.UnavailableReason,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zone_overrides_decide_which_series_a_region_gets()
    {
        var configMaps = new MemoryConfigMaps();
        configMaps.Values[("carbon", "data.csv")] = Csv(Now);
        using var http = ProviderHttpClient.Create();
        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-2"], configMaps)
            .RefreshAsync(StaticFromConfigMap(new() { ["eu-west-2"] = "FR" }), new MemorySecrets(), default);

        Assert.Equal("FR", result.Regions.Single().Zone);
    }

    [Fact]
    public async Task The_bundled_data_gives_the_same_profile_as_the_planners_static_snapshot()
    {
        using var http = ProviderHttpClient.Create();
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), Clock(StaticCarbonSnapshot.DefaultAt),
            new CarbonRefresherOptions { BundledCarbon = BundledDataFixture.Bundled.Carbon });
        var result = await refresher.RefreshAsync(Source(new CarbonSourceSpec()), new MemorySecrets(), default);

        foreach (var expected in BundledDataFixture.Snapshot.Regions)
        {
            var actual = result.Snapshot!.Find(expected.Region)!;
            Assert.Equal(expected.IsAvailable, actual.IsAvailable);
            if (expected.IsAvailable)
            {
                Assert.Equal(expected.HourOfDayMeans!, actual.HourOfDayMeans!, (a, b) => Math.Abs(a - b) < 1e-9);
                Assert.Equal(expected.Mean!.Value, actual.Mean!.Value, 9);
            }
        }
    }

    [Fact]
    public async Task Refreshes_failing_for_three_intervals_turn_Stale_and_a_success_clears_it()
    {
        var configMaps = new MemoryConfigMaps();
        configMaps.Values[("carbon", "data.csv")] = Csv(Now);
        var clock = Clock();
        var store = new CarbonSnapshotStore();
        using var http = ProviderHttpClient.Create();
        var refresher = Refresher(http, store, clock, ["eu-west-3"], configMaps);
        var source = StaticFromConfigMap();

        var good = await refresher.RefreshAsync(source, new MemorySecrets(), default);
        var conditions = good.Conditions(null, 1, clock.GetUtcNow());
        Assert.Equal(ConditionStatus.True, conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal(ConditionStatus.False, conditions.Single(c => c.Type == "Stale").Status);

        configMaps.Values.Clear();
        var stale = new List<bool>();
        for (var i = 1; i <= 3; i++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            var failed = await refresher.RefreshAsync(source, new MemorySecrets(), default);
            Assert.True(failed.Outcome.Ready);
            Assert.Equal("InvalidConfiguration", failed.Outcome.Reason);
            Assert.Same(good.Snapshot, failed.Snapshot);
            Assert.Same(good.Snapshot, store.Snapshot("test"));
            stale.Add(failed.Outcome.Stale);
            conditions = failed.Conditions(conditions, 1, clock.GetUtcNow());
        }
        Assert.Equal([false, false, true], stale);
        var staleCondition = conditions.Single(c => c.Type == "Stale");
        Assert.Equal(ConditionStatus.True, staleCondition.Status);
        Assert.Equal(Now.AddHours(3), staleCondition.LastTransitionTime);
        Assert.Equal(Now, conditions.Single(c => c.Type == "Ready").LastTransitionTime);

        clock.Advance(TimeSpan.FromHours(1));
        configMaps.Values[("carbon", "data.csv")] = Csv(clock.GetUtcNow());
        var recovered = await refresher.RefreshAsync(source, new MemorySecrets(), default);
        Assert.False(recovered.Outcome.Stale);
        Assert.Equal(clock.GetUtcNow(), store.Find("test")!.LastSuccess);
    }

    [Fact]
    public async Task A_source_that_never_succeeded_is_not_Ready_and_turns_Stale_after_three_intervals()
    {
        var clock = Clock();
        using var http = ProviderHttpClient.Create();
        var refresher = Refresher(http, new CarbonSnapshotStore(), clock, ["eu-west-3"], new MemoryConfigMaps());

        var first = await refresher.RefreshAsync(StaticFromConfigMap(), new MemorySecrets(), default);
        clock.Advance(TimeSpan.FromHours(3));
        var later = await refresher.RefreshAsync(StaticFromConfigMap(), new MemorySecrets(), default);

        Assert.False(first.Outcome.Ready);
        Assert.False(first.Outcome.Stale);
        Assert.Contains("ConfigMap carbon has no key 'data.csv'", first.Outcome.Message, StringComparison.Ordinal);
        Assert.True(later.Outcome.Stale);
    }

    [Fact]
    public async Task An_invalid_spec_is_reported_with_the_validators_messages()
    {
        using var http = ProviderHttpClient.Create();
        var source = Source(new CarbonSourceSpec { Provider = CarbonProvider.Prometheus,
            Prometheus = new() { Endpoint = "ftp://x", QueryTemplate = "up" } });
        var result = await new CarbonRefresher(http, new CarbonSnapshotStore(), Clock()).RefreshAsync(source, new MemorySecrets(), default);

        Assert.Equal("InvalidSpec", result.Outcome.Reason);
        Assert.Contains("spec.prometheus.queryTemplate", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Contains("spec.prometheus.endpoint", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Secret_read_that_hangs_ends_at_the_refresh_deadline()
    {
        var clock = Clock();
        using var http = ProviderHttpClient.Create();
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), clock,
            new CarbonRefresherOptions { RefreshTimeout = TimeSpan.FromMinutes(2) });
        var source = Source(new CarbonSourceSpec
        {
            Provider = CarbonProvider.ElectricityMaps,
            ElectricityMaps = new ElectricityMapsSettings { TokenSecretRef = new() { Name = "electricitymaps", Key = "token" } },
        });

        var refreshing = refresher.RefreshAsync(source, new HangingSecrets(), default);
        clock.Advance(TimeSpan.FromMinutes(2));
        var result = await refreshing.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("Timeout", result.Outcome.Reason);
        Assert.StartsWith("The refresh did not finish within its deadline of 2m (reading the CarbonSource's Secret or ConfigMap took too long)",
            result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_is_keyed_by_source_name()
    {
        var store = new CarbonSnapshotStore();
        var snapshot = new CarbonSnapshot("a", Now, [], RegionCatalogue.Bundled);
        Parallel.For(0, 100, i => store.RecordSuccess($"s{i % 4}", snapshot, [], Now.AddMinutes(i)));
        store.RecordFailure("s0", Now.AddHours(5));

        Assert.Same(snapshot, store.Snapshot("s0"));
        Assert.Equal(Now.AddHours(5), store.Find("s0")!.LastAttempt);
        Assert.Null(store.Snapshot("other"));
        store.Remove("s0");
        Assert.Null(store.Find("s0"));
    }
}
